import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { exportWizardDefinition } from '../../definitions/export-wizard-definition';
import {
  DefinitionError,
  insertWizardDefinition,
} from '../../definitions/insert-wizard-definition';
import { validateWizardDefinition } from '../../definitions/validate-wizard-definition';
import { WIZARD_FORMAT_VERSION, type WizardDefinition } from '../../definitions/wizard-definition';
import { loadWizardModel } from '../../definitions/wizard-model';
import { Wizard } from '../../entities';
import { AuditEntityType, type AuditAction } from '../../entities/audit.enums';
import { badUserInput, conflict, ErrorCode } from '../../errors/error-code';
import { recordAudit } from './audit-trail';
import type { AuthoringScope } from './authoring-transaction';

/**
 * The wizard's definition document, or null when there is none. The wizard row is share-locked
 * first: authoring changes lock it for update, so the seven reads after it see one state.
 */
export async function readDefinition(
  manager: EntityManager,
  wizardId: number,
): Promise<WizardDefinition | null> {
  const locked = await manager
    .getRepository(Wizard)
    .createQueryBuilder('w')
    .setLock('pessimistic_read')
    .select('w.wizard_id')
    .where('w.wizard_id = :wizardId', { wizardId })
    .getRawOne<{ wizard_id: number }>();
  const model = locked ? await loadWizardModel(manager, wizardId) : null;
  if (!model) return null;
  try {
    return exportWizardDefinition(model);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    throw conflict(`The wizard cannot be written as a definition document: ${error.message}`);
  }
}

/** The document as a WizardDefinition, or BAD_USER_INPUT listing its problems with their paths. */
export function validDefinition(document: unknown, what: string): WizardDefinition {
  const check = validateWizardDefinition(document);
  if (check.ok) return check.definition;
  const listed = check.problems.length;
  const more = check.total > listed ? `; the first ${listed} are listed` : '';
  throw badUserInput(`${what} has ${check.total} problem(s)${more}`, check.problems);
}

/** What an IMPORT or CLONE audit row says about the new wizard (sizes, not the whole document). */
function summary(definition: WizardDefinition): Record<string, unknown> {
  const sets = definition.steps.flatMap((step) => step.optionSets);
  return {
    key: definition.key,
    name: definition.name,
    formatVersion: WIZARD_FORMAT_VERSION,
    steps: definition.steps.length,
    optionSets: sets.length,
    options: sets.reduce((total, set) => total + set.options.length, 0),
    flowRules: definition.flowRules?.length ?? 0,
  };
}

/**
 * Stores a validated definition as a new draft owned by the author, with one audit row. Run it in
 * the change's savepoint: a duplicate key (CONFLICT) undoes everything.
 */
export async function storeDraft(
  { manager, author, requestId }: AuthoringScope,
  definition: WizardDefinition,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<Wizard> {
  const draft = { ...definition, published: false };
  const wizardId = await insertWizardDefinition(manager, draft, author.userId);
  await recordAudit(manager, author, requestId, {
    action,
    entityType: AuditEntityType.WIZARD,
    entityId: wizardId,
    wizardId,
    newValues: { ...summary(definition), ...details },
  });
  return manager.findOneByOrFail(Wizard, { id: wizardId });
}

/** A CONFLICT naming `from` as naming `to` instead (the input calls the key differently). */
export function renameConflictField(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const { code, field } = error.extensions;
  return code === ErrorCode.CONFLICT && field === from ? conflict(error.message, to) : error;
}
