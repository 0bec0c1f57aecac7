import type { RequestDatabase } from '../../database/request-database';
import { WizardOption } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import { badUserInput } from '../../errors/error-code';
import { fieldChanges, recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';
import { dependencyDeletions, optionDeletion } from './deletion-audit';
import { takesOptions } from './option-set-checks';
import { lockOption, lockSet } from './parent-locks';
import { closePosition, openPosition } from './positions';
import { assertDeletable } from './references';
import { reorderRows } from './reorder';

export type OptionChanges = Partial<
  Pick<
    WizardOption,
    | 'key'
    | 'label'
    | 'description'
    | 'value'
    | 'icon'
    | 'imageUrl'
    | 'price'
    | 'isDefault'
    | 'isDisabled'
    | 'isRecommended'
    | 'requiresInput'
    | 'inputPlaceholder'
    | 'metadata'
    | 'isActive'
  >
>;

const OPTIONS = { table: 'wizard_options', orderColumn: 'option_order', parentColumn: 'set_id' };

const optionsOfSet = (setId: number) => ({ ...OPTIONS, parentId: setId });

/**
 * Prices as the column returns them ("7" and "007.5" become "7.00" and "7.50"), so the trail
 * records no change where there is none. The input validators have checked the form already.
 */
function withPlainPrice<T extends OptionChanges>(changes: T): T {
  if (changes.price === undefined) return changes;
  const [whole, fraction = ''] = changes.price.split('.');
  return { ...changes, price: `${BigInt(whole)}.${fraction.padEnd(2, '0')}` };
}

/** Options of a SINGLE or MULTIPLE set: adding, changing, deleting and reordering them. */
export class OptionAuthoringService {
  /** Adds an option at `position` (1-based; the end when omitted), moving later options down. */
  create(
    db: RequestDatabase,
    setId: number,
    fields: OptionChanges & { key: string; label: string },
    position?: number | null,
  ) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { set, wizardId } = await lockSet(manager, setId);
      if (!takesOptions(set.selectionType)) {
        const message = `a ${set.selectionType} set takes a value, not options (only SINGLE and MULTIPLE sets have options)`;
        throw badUserInput(`The option set: ${message}`, [{ field: 'setId', message }]);
      }
      const values = withPlainPrice(fields);
      const order = await openPosition(manager, optionsOfSet(setId), position);
      // `as never`: TypeORM's deep-partial type cannot express a jsonb column typed as a Record.
      const row = { ...values, setId, order } as never;
      const { identifiers } = await manager.insert(WizardOption, row);
      const option = await manager.findOneByOrFail(WizardOption, { id: Number(identifiers[0].id) });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.CREATE,
        entityType: AuditEntityType.OPTION,
        entityId: option.id,
        wizardId,
        newValues: { ...values, setId, order },
      });
      return option;
    });
  }

  update(db: RequestDatabase, optionId: number, changes: OptionChanges) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { option, wizardId } = await lockOption(manager, optionId);
      const diff = fieldChanges(option, withPlainPrice(changes));
      if (!diff) return option;
      await manager.update(WizardOption, { id: optionId }, diff.newValues);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UPDATE,
        entityType: AuditEntityType.OPTION,
        entityId: optionId,
        wizardId,
        ...diff,
      });
      return manager.findOneByOrFail(WizardOption, { id: optionId });
    });
  }

  /**
   * Deletes an option with its own dependencies. Refused (CONFLICT) once sessions chose it, or
   * while flow rules or dependencies elsewhere point at it.
   */
  delete(db: RequestDatabase, optionId: number) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { option, wizardId } = await lockOption(manager, optionId);
      await assertDeletable(manager, 'option', { stepIds: [], setIds: [], optionIds: [optionId] });
      const cascaded = await dependencyDeletions(manager, wizardId, [optionId], []);
      await manager.delete(WizardOption, { id: optionId });
      await closePosition(manager, optionsOfSet(option.setId), option.order);
      await recordAudit(manager, author, requestId, optionDeletion(option, wizardId), ...cascaded);
      return optionId;
    });
  }

  /** Gives every option of the set its position in `optionIds` (all of them, each once). */
  reorder(db: RequestDatabase, setId: number, optionIds: number[]) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { wizardId } = await lockSet(manager, setId);
      const change = await reorderRows(manager, {
        ...optionsOfSet(setId),
        idColumn: 'option_id',
        ids: optionIds,
        field: 'optionIds',
      });
      if (change) {
        await recordAudit(manager, author, requestId, {
          action: AuditAction.REORDER,
          entityType: AuditEntityType.OPTION_SET,
          entityId: setId,
          wizardId,
          oldValues: { optionIds: change.before },
          newValues: { optionIds: change.after },
        });
      }
      return manager.find(WizardOption, { where: { setId }, order: { order: 'ASC' } });
    });
  }
}
