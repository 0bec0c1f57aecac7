import type { EntityManager } from 'typeorm';
import type { RequestDatabase } from '../../database/request-database';
import { WizardOptionDependency, WizardSetDependency } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import type { DependencyType, SetDependencyType } from '../../entities/enums';
import { badUserInput, conflict, notFound } from '../../errors/error-code';
import { fieldChanges, recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';
import { lockWizard } from './wizard-authoring.service';
import { placementOf } from './wizard-parts';

/** What differs between the two dependency tables: the target (an option or a whole set). */
interface DependencyKind {
  entity: typeof WizardOptionDependency | typeof WizardSetDependency;
  auditType: AuditEntityType;
  target: 'option' | 'set';
  targetField: 'optionId' | 'setId';
  name: string;
}

const KINDS = {
  option: {
    entity: WizardOptionDependency,
    auditType: AuditEntityType.OPTION_DEPENDENCY,
    target: 'option',
    targetField: 'optionId',
    name: 'WizardOptionDependency',
  },
  set: {
    entity: WizardSetDependency,
    auditType: AuditEntityType.SET_DEPENDENCY,
    target: 'set',
    targetField: 'setId',
    name: 'WizardSetDependency',
  },
} satisfies Record<string, DependencyKind>;

export interface DependencyInput {
  /** The option (or set) that depends. */
  targetId: number;
  dependsOnOptionId: number;
  /** Optional; when given it must be the source option's step. */
  dependsOnStepId?: number | null;
  type: DependencyType | SetDependencyType;
}

type DependencyRow = WizardOptionDependency | WizardSetDependency;

/**
 * Visibility dependencies of options and of whole sets. The source is an option answered on an
 * EARLIER step of the same wizard; the source step is derived from the option (or checked
 * against it when given).
 */
export class DependencyAuthoringService {
  create(db: RequestDatabase, kindName: keyof typeof KINDS, input: DependencyInput) {
    const kind: DependencyKind = KINDS[kindName];
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizardId = await this.assertConsistent(manager, kind, input);
      await lockWizard(manager, wizardId);
      const row = {
        [kind.targetField]: input.targetId,
        dependsOnStepId: (await placementOf(manager, 'option', input.dependsOnOptionId)).stepId,
        dependsOnOptionId: input.dependsOnOptionId,
        type: input.type,
      };
      const duplicate = await manager.countBy(kind.entity, row as never);
      if (duplicate > 0) {
        throw conflict('This dependency exists already', 'dependsOnOptionId');
      }
      const { identifiers } = await manager.insert(kind.entity, row as never);
      const created = (await manager.findOneByOrFail(kind.entity, {
        id: Number(identifiers[0].id),
      })) as DependencyRow;
      await recordAudit(manager, author, requestId, {
        action: AuditAction.CREATE,
        entityType: kind.auditType,
        entityId: created.id,
        wizardId,
        newValues: row,
      });
      return created;
    });
  }

  update(
    db: RequestDatabase,
    kindName: keyof typeof KINDS,
    id: number,
    changes: Partial<Pick<DependencyInput, 'dependsOnOptionId' | 'dependsOnStepId' | 'type'>>,
  ) {
    const kind: DependencyKind = KINDS[kindName];
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const existing = await findDependency(manager, kind, id);
      const next: DependencyInput = {
        targetId: targetOf(kind, existing),
        dependsOnOptionId: changes.dependsOnOptionId ?? existing.dependsOnOptionId,
        dependsOnStepId:
          changes.dependsOnOptionId == null ? existing.dependsOnStepId : changes.dependsOnStepId,
        type: changes.type ?? existing.type,
      };
      const wizardId = await this.assertConsistent(manager, kind, next);
      await lockWizard(manager, wizardId);
      const source = await placementOf(manager, 'option', next.dependsOnOptionId);
      const diff = fieldChanges(existing, {
        dependsOnOptionId: next.dependsOnOptionId,
        dependsOnStepId: source.stepId,
        type: next.type,
      } as Partial<DependencyRow>);
      if (!diff) return existing;
      await manager.update(kind.entity, { id }, diff.newValues);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UPDATE,
        entityType: kind.auditType,
        entityId: id,
        wizardId,
        ...diff,
      });
      return (await manager.findOneByOrFail(kind.entity, { id })) as DependencyRow;
    });
  }

  delete(db: RequestDatabase, kindName: keyof typeof KINDS, id: number) {
    const kind: DependencyKind = KINDS[kindName];
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const existing = await findDependency(manager, kind, id);
      const target = await placementOf(manager, kind.target, targetOf(kind, existing));
      await lockWizard(manager, target.wizardId);
      await manager.delete(kind.entity, { id });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.DELETE,
        entityType: kind.auditType,
        entityId: id,
        wizardId: target.wizardId,
        oldValues: { ...existing },
      });
      return id;
    });
  }

  /** The source is an option of an earlier step of the same wizard; returns that wizard. */
  private async assertConsistent(
    manager: EntityManager,
    kind: DependencyKind,
    input: DependencyInput,
  ): Promise<number> {
    const target = await placementOf(manager, kind.target, input.targetId, kind.targetField);
    const source = await placementOf(
      manager,
      'option',
      input.dependsOnOptionId,
      'dependsOnOptionId',
    );
    const problems = [];
    if (input.dependsOnStepId != null && input.dependsOnStepId !== source.stepId) {
      problems.push({ field: 'dependsOnStepId', message: 'must be the step of dependsOnOptionId' });
    }
    if (source.wizardId !== target.wizardId) {
      problems.push({
        field: 'dependsOnOptionId',
        message: 'must be an option of the same wizard',
      });
    } else if (source.stepOrder >= target.stepOrder) {
      problems.push({
        field: 'dependsOnOptionId',
        message: `must be an option of an earlier step than the ${kind.target}'s own`,
      });
    }
    if (problems.length > 0) throw badUserInput('The dependency is not consistent', problems);
    return target.wizardId;
  }
}

async function findDependency(
  manager: EntityManager,
  kind: DependencyKind,
  id: number,
): Promise<DependencyRow> {
  const row = (await manager.findOneBy(kind.entity, { id })) as DependencyRow | null;
  if (!row) throw notFound(kind.name, id);
  return row;
}

function targetOf(kind: DependencyKind, row: DependencyRow): number {
  return (row as unknown as Record<string, number>)[kind.targetField];
}
