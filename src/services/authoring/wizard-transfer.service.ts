import { requireAuthorReader } from '../../auth/guards';
import type { RequestDatabase } from '../../database/request-database';
import type { WizardDefinition } from '../../definitions/wizard-definition';
import type { Wizard } from '../../entities';
import { AuditAction } from '../../entities/audit.enums';
import { notFound } from '../../errors/error-code';
import { authoringChange } from './authoring-transaction';
import {
  readDefinition,
  renameConflictField,
  storeDraft,
  validDefinition,
} from './wizard-documents';

/**
 * Wizards as definition documents (keys, no ids): export, import as a new draft, and clone (an
 * export imported under a new key). The document format is described in the README.
 */
export class WizardTransferService {
  /** The whole wizard, inactive parts included; null when there is no such wizard. */
  async exportDefinition(db: RequestDatabase, wizardId: number): Promise<WizardDefinition | null> {
    requireAuthorReader(db.viewer);
    return readDefinition(await db.manager(), wizardId);
  }

  /**
   * Creates a draft from a document, checked as a whole before anything is written; `key`, when
   * given, replaces the document's key. One savepoint, one IMPORT audit row.
   */
  import(db: RequestDatabase, document: Record<string, unknown>, key?: string | null) {
    return authoringChange(db, (scope) => {
      const definition = validDefinition(
        key == null ? document : { ...document, key },
        'The wizard definition',
      );
      return storeDraft(scope, definition, AuditAction.IMPORT);
    });
  }

  /**
   * Copies a wizard as a new draft under `newKey` (and `newName`), with a CLONE audit row naming
   * the source. Reading the source takes WIZARDS_READ as well as WIZARDS_WRITE for an API key.
   */
  async clone(
    db: RequestDatabase,
    sourceId: number,
    newKey: string,
    newName?: string | null,
  ): Promise<Wizard> {
    try {
      return await authoringChange(db, async (scope) => {
        requireAuthorReader(scope.author);
        const source = await readDefinition(scope.manager, sourceId);
        if (!source) throw notFound('Wizard', sourceId);
        const copy = { ...source, key: newKey, name: newName ?? source.name };
        const definition = validDefinition(copy, "The source wizard's definition");
        return storeDraft(scope, definition, AuditAction.CLONE, {
          sourceWizardId: sourceId,
          sourceKey: source.key,
        });
      });
    } catch (error) {
      throw renameConflictField(error, 'key', 'newKey');
    }
  }
}
