import type { EntityManager } from 'typeorm';
import type { RequestDatabase } from '../../database/request-database';
import { WizardFlowRule, WizardOption, WizardOptionSet, WizardStep } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import { conflict, notFound } from '../../errors/error-code';
import { fieldChanges, recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';
import { assertDeletable } from './references';
import { lockStepWizard } from './parent-locks';
import { closePosition, openPosition } from './positions';
import { reorderRows } from './reorder';
import { lockWizard } from './wizard-authoring.service';

export type StepChanges = Partial<
  Pick<
    WizardStep,
    | 'key'
    | 'name'
    | 'title'
    | 'description'
    | 'helpText'
    | 'isRequired'
    | 'allowBackNavigation'
    | 'autoAdvance'
    | 'showProgressBar'
    | 'icon'
    | 'isActive'
  >
>;

const stepsOf = (wizardId: number) => ({
  table: 'wizard_steps',
  orderColumn: 'step_order',
  parentColumn: 'wizard_id',
  parentId: wizardId,
});

async function findStep(manager: EntityManager, stepId: number): Promise<WizardStep> {
  const step = await manager.findOneBy(WizardStep, { id: stepId });
  if (!step) throw notFound('WizardStep', stepId);
  return step;
}

/** Steps of a wizard: adding (at a position), changing, deleting and reordering them. */
export class StepAuthoringService {
  /** Adds a step at `position` (1-based; the end when omitted), moving later steps down. */
  create(
    db: RequestDatabase,
    wizardId: number,
    fields: StepChanges & { key: string; name: string },
    position?: number | null,
  ) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizard = await lockWizard(manager, wizardId);
      const steps = await manager.countBy(WizardStep, { wizardId });
      if (wizard.maxSteps != null && steps >= wizard.maxSteps) {
        throw conflict(`The wizard allows at most ${wizard.maxSteps} steps (maxSteps)`, 'wizardId');
      }
      const at = await openPosition(manager, stepsOf(wizardId), position);
      const { identifiers } = await manager.insert(WizardStep, { ...fields, wizardId, order: at });
      const step = await manager.findOneByOrFail(WizardStep, { id: Number(identifiers[0].id) });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.CREATE,
        entityType: AuditEntityType.STEP,
        entityId: step.id,
        wizardId,
        newValues: { ...fields, order: at },
      });
      return step;
    });
  }

  update(db: RequestDatabase, stepId: number, changes: StepChanges) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      // Lock first, then read: the step is current for the rest of the change.
      await lockStepWizard(manager, stepId);
      const step = await findStep(manager, stepId);
      const diff = fieldChanges(step, changes);
      if (!diff) return step;
      await manager.update(WizardStep, { id: stepId }, diff.newValues);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UPDATE,
        entityType: AuditEntityType.STEP,
        entityId: stepId,
        wizardId: step.wizardId,
        ...diff,
      });
      return manager.findOneByOrFail(WizardStep, { id: stepId });
    });
  }

  /**
   * Deletes a step with its option sets, options and outgoing flow rules. Refused (CONFLICT) once
   * sessions used it, or while rules or dependencies elsewhere point at it.
   */
  delete(db: RequestDatabase, stepId: number) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      // Lock first, then read: the step is current for the rest of the change.
      await lockStepWizard(manager, stepId);
      const step = await findStep(manager, stepId);
      const sets = await manager.findBy(WizardOptionSet, { stepId });
      const setIds = sets.map((set) => set.id);
      const options = setIds.length
        ? await manager
            .createQueryBuilder(WizardOption, 'o')
            .where('o.set_id = ANY(:setIds)', { setIds })
            .getMany()
        : [];
      await assertDeletable(manager, 'step', {
        stepIds: [stepId],
        setIds,
        optionIds: options.map((option) => option.id),
      });
      const outgoing = await manager.findBy(WizardFlowRule, { fromStepId: stepId });
      await manager.delete(WizardFlowRule, { fromStepId: stepId });
      await manager.delete(WizardStep, { id: stepId });
      await closePosition(manager, stepsOf(step.wizardId), step.order);
      await recordAudit(
        manager,
        author,
        requestId,
        {
          action: AuditAction.DELETE,
          entityType: AuditEntityType.STEP,
          entityId: stepId,
          wizardId: step.wizardId,
          oldValues: {
            key: step.key,
            name: step.name,
            order: step.order,
            optionSets: setIds.length,
          },
        },
        ...outgoing.map((rule) => ({
          action: AuditAction.DELETE,
          entityType: AuditEntityType.FLOW_RULE,
          entityId: rule.id,
          wizardId: step.wizardId,
          oldValues: { fromStepId: rule.fromStepId, toStepId: rule.toStepId },
        })),
      );
      return stepId;
    });
  }

  /** Gives every step of the wizard its position in `stepIds` (all of them, each once). */
  reorder(db: RequestDatabase, wizardId: number, stepIds: number[]) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      await lockWizard(manager, wizardId);
      const change = await reorderRows(manager, {
        ...stepsOf(wizardId),
        idColumn: 'step_id',
        ids: stepIds,
        field: 'stepIds',
      });
      if (change) {
        await recordAudit(manager, author, requestId, {
          action: AuditAction.REORDER,
          entityType: AuditEntityType.WIZARD,
          entityId: wizardId,
          wizardId,
          oldValues: { stepIds: change.before },
          newValues: { stepIds: change.after },
        });
      }
      return manager.find(WizardStep, { where: { wizardId }, order: { order: 'ASC' } });
    });
  }
}
