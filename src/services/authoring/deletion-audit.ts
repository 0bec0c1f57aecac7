import { In, type EntityManager } from 'typeorm';
import { WizardOptionDependency, WizardSetDependency, type WizardOption } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import type { AuditChange } from './audit-trail';

/** One DELETE row of the trail. */
export function deletion(
  entityType: AuditEntityType,
  entityId: number,
  wizardId: number,
  oldValues: Record<string, unknown>,
): AuditChange {
  return { action: AuditAction.DELETE, entityType, entityId, wizardId, oldValues };
}

/** What the trail keeps of a deleted option. */
export function optionDeletion(option: WizardOption, wizardId: number): AuditChange {
  return deletion(AuditEntityType.OPTION, option.id, wizardId, {
    setId: option.setId,
    key: option.key,
    label: option.label,
    order: option.order,
  });
}

/**
 * DELETE rows for the dependencies of the given options and sets, which the database cascades
 * when those go. Read before the delete, so the trail says exactly what went.
 */
export async function dependencyDeletions(
  manager: EntityManager,
  wizardId: number,
  optionIds: number[],
  setIds: number[],
): Promise<AuditChange[]> {
  const ofOptions = optionIds.length
    ? await manager.findBy(WizardOptionDependency, { optionId: In(optionIds) })
    : [];
  const ofSets = setIds.length
    ? await manager.findBy(WizardSetDependency, { setId: In(setIds) })
    : [];
  return [
    ...ofOptions.map((d) =>
      deletion(AuditEntityType.OPTION_DEPENDENCY, d.id, wizardId, {
        optionId: d.optionId,
        dependsOnOptionId: d.dependsOnOptionId,
        type: d.type,
      }),
    ),
    ...ofSets.map((d) =>
      deletion(AuditEntityType.SET_DEPENDENCY, d.id, wizardId, {
        setId: d.setId,
        dependsOnOptionId: d.dependsOnOptionId,
        type: d.type,
      }),
    ),
  ];
}
