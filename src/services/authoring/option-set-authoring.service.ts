import type { RequestDatabase } from '../../database/request-database';
import { WizardOption, WizardOptionSet } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import { fieldChanges, recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';
import { deletion, dependencyDeletions, optionDeletion } from './deletion-audit';
import { assertSetShape, NEW_SET, takesOptions } from './option-set-checks';
import { lockSet, lockStepWizard } from './parent-locks';
import { closePosition, openPosition } from './positions';
import { assertDeletable } from './references';
import { reorderRows } from './reorder';

export type OptionSetChanges = Partial<
  Pick<
    WizardOptionSet,
    | 'key'
    | 'name'
    | 'title'
    | 'description'
    | 'helpText'
    | 'selectionType'
    | 'isRequired'
    | 'minSelections'
    | 'maxSelections'
    | 'validationRules'
    | 'isActive'
  >
>;

const SETS = { table: 'wizard_option_sets', orderColumn: 'set_order', parentColumn: 'step_id' };

const setsOfStep = (stepId: number) => ({ ...SETS, parentId: stepId });

/** Option sets of a step: adding (at a position), changing, deleting and reordering them. */
export class OptionSetAuthoringService {
  /** Adds a set at `position` (1-based; the end when omitted), moving later sets down. */
  create(
    db: RequestDatabase,
    stepId: number,
    fields: OptionSetChanges & { key: string; name: string },
    position?: number | null,
  ) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizardId = await lockStepWizard(manager, stepId);
      assertSetShape(NEW_SET, fields, 0);
      const order = await openPosition(manager, setsOfStep(stepId), position);
      // `as never`: TypeORM's deep-partial type cannot express a jsonb column typed as a Record.
      const row = { ...fields, stepId, order } as never;
      const { identifiers } = await manager.insert(WizardOptionSet, row);
      const set = await manager.findOneByOrFail(WizardOptionSet, { id: Number(identifiers[0].id) });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.CREATE,
        entityType: AuditEntityType.OPTION_SET,
        entityId: set.id,
        wizardId,
        newValues: { ...fields, stepId, order },
      });
      return set;
    });
  }

  /**
   * Changes a set. The new columns must agree with each other and with what is stored (bounds,
   * rules for the type), and a set with options keeps a type that has options.
   */
  update(db: RequestDatabase, setId: number, changes: OptionSetChanges) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { set, wizardId } = await lockSet(manager, setId);
      const type = changes.selectionType;
      const options =
        type && !takesOptions(type) ? await manager.countBy(WizardOption, { setId }) : 0;
      assertSetShape(set, changes, options);
      const diff = fieldChanges(set, changes);
      if (!diff) return set;
      await manager.update(WizardOptionSet, { id: setId }, diff.newValues);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UPDATE,
        entityType: AuditEntityType.OPTION_SET,
        entityId: setId,
        wizardId,
        ...diff,
      });
      return manager.findOneByOrFail(WizardOptionSet, { id: setId });
    });
  }

  /**
   * Deletes a set with its options and their dependencies and its own dependencies. Refused
   * (CONFLICT) once sessions answered it or any of its options, or while flow rules or
   * dependencies elsewhere point at its options.
   */
  delete(db: RequestDatabase, setId: number) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { set, wizardId } = await lockSet(manager, setId);
      const options = await manager.find(WizardOption, {
        where: { setId },
        order: { order: 'ASC' },
      });
      const optionIds = options.map((option) => option.id);
      await assertDeletable(manager, 'option set', { stepIds: [], setIds: [setId], optionIds });
      const cascaded = await dependencyDeletions(manager, wizardId, optionIds, [setId]);
      await manager.delete(WizardOptionSet, { id: setId });
      await closePosition(manager, setsOfStep(set.stepId), set.order);
      await recordAudit(
        manager,
        author,
        requestId,
        deletion(AuditEntityType.OPTION_SET, setId, wizardId, {
          stepId: set.stepId,
          key: set.key,
          name: set.name,
          order: set.order,
          selectionType: set.selectionType,
          options: options.length,
        }),
        ...options.map((option) => optionDeletion(option, wizardId)),
        ...cascaded,
      );
      return setId;
    });
  }

  /** Gives every set of the step its position in `setIds` (all of them, each once). */
  reorder(db: RequestDatabase, stepId: number, setIds: number[]) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizardId = await lockStepWizard(manager, stepId);
      const change = await reorderRows(manager, {
        ...setsOfStep(stepId),
        idColumn: 'set_id',
        ids: setIds,
        field: 'setIds',
      });
      if (change) {
        await recordAudit(manager, author, requestId, {
          action: AuditAction.REORDER,
          entityType: AuditEntityType.STEP,
          entityId: stepId,
          wizardId,
          oldValues: { setIds: change.before },
          newValues: { setIds: change.after },
        });
      }
      return manager.find(WizardOptionSet, { where: { stepId }, order: { order: 'ASC' } });
    });
  }
}
