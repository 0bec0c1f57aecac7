import type { EntityManager } from 'typeorm';
import type { RequestDatabase } from '../../database/request-database';
import { Wizard, WizardSession, WizardStep } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import { conflict, notFound } from '../../errors/error-code';
import { fieldChanges, recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';

/** The columns an author sets on a wizard (everything else is kept by the server). */
export type WizardChanges = Partial<
  Pick<
    Wizard,
    | 'key'
    | 'name'
    | 'description'
    | 'category'
    | 'icon'
    | 'color'
    | 'bannerImage'
    | 'allowSaveProgress'
    | 'allowTemplates'
    | 'requireLogin'
    | 'maxSteps'
    | 'estimatedTimeMinutes'
    | 'isActive'
    | 'isPublic'
    | 'isFeatured'
  >
>;

/** The wizard, locked for the rest of the change (children's orders and counts depend on it). */
export async function lockWizard(manager: EntityManager, wizardId: number): Promise<Wizard> {
  const wizard = await manager
    .getRepository(Wizard)
    .createQueryBuilder('w')
    .setLock('pessimistic_write')
    .where('w.wizard_id = :wizardId', { wizardId })
    .getOne();
  if (!wizard) throw notFound('Wizard', wizardId);
  return wizard;
}

/** Creating, changing and deleting wizards themselves (their parts have their own services). */
export class WizardAuthoringService {
  create(db: RequestDatabase, fields: WizardChanges & { key: string; name: string }) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const { identifiers } = await manager.insert(Wizard, {
        ...fields,
        createdById: author.userId,
        publishedAt: null,
      });
      const wizard = await manager.findOneByOrFail(Wizard, { id: Number(identifiers[0].id) });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.CREATE,
        entityType: AuditEntityType.WIZARD,
        entityId: wizard.id,
        wizardId: wizard.id,
        newValues: { ...fields },
      });
      return wizard;
    });
  }

  update(db: RequestDatabase, wizardId: number, changes: WizardChanges) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizard = await lockWizard(manager, wizardId);
      if (changes.maxSteps != null) {
        const steps = await manager.countBy(WizardStep, { wizardId });
        if (steps > changes.maxSteps) {
          throw conflict(`The wizard already has ${steps} steps, more than maxSteps`, 'maxSteps');
        }
      }
      const diff = fieldChanges(wizard, changes);
      if (!diff) return wizard;
      await manager.update(Wizard, { id: wizardId }, diff.newValues);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UPDATE,
        entityType: AuditEntityType.WIZARD,
        entityId: wizardId,
        wizardId,
        ...diff,
      });
      return manager.findOneByOrFail(Wizard, { id: wizardId });
    });
  }

  /**
   * Deleting a wizard would cascade to every session run through it; once any exists the wizard
   * is deactivated instead (isActive: false), and deletion is refused.
   */
  delete(db: RequestDatabase, wizardId: number) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizard = await lockWizard(manager, wizardId);
      // Authors see every session (row-level security included), so this counts them all.
      const sessions = await manager.countBy(WizardSession, { wizardId });
      if (sessions > 0) {
        throw conflict(
          `The wizard has ${sessions} session(s); deactivate it (isActive: false) instead`,
          'id',
        );
      }
      await manager.delete(Wizard, { id: wizardId });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.DELETE,
        entityType: AuditEntityType.WIZARD,
        entityId: wizardId,
        wizardId,
        oldValues: { key: wizard.key, name: wizard.name },
      });
      return wizardId;
    });
  }
}
