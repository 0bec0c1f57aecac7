import type { FieldProblem } from '../errors/error-code';
import { checkReferences } from './validation/definition-references';
import { DEFINITION_LIMITS } from './validation/definition-schema';
import { checkSemantics } from './validation/definition-semantics';
import { checkStructure } from './validation/definition-structure';
import { Problems } from './validation/problems';
import type { WizardDefinition } from './wizard-definition';

export { DEFINITION_LIMITS } from './validation/definition-schema';
export { MAX_REPORTED_PROBLEMS } from './validation/problems';

export type DefinitionCheck =
  | { ok: true; definition: WizardDefinition }
  | { ok: false; problems: FieldProblem[]; total: number };

/** The document's size as JSON in bytes; undefined when it is no JSON (e.g. nested too deeply). */
function jsonBytes(document: unknown): number | undefined {
  try {
    const json = JSON.stringify(document) as string | undefined;
    return json === undefined ? undefined : Buffer.byteLength(json, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Checks a whole wizard definition document before anything is written: its size, every field
 * (type, length, pattern, enum, bounds, unknown fields), unique keys, that every reference
 * resolves, and then what the authoring mutations check too: validationRules by selection type,
 * options only on choice sets, and flow conditions type-checked against this wizard. Problems carry their document path (`steps[2].optionSets[0].options[3].price`); the
 * document as a whole is `definition`. Pure: no database, no I/O.
 */
export function validateWizardDefinition(document: unknown): DefinitionCheck {
  const problems = new Problems();
  const bytes = jsonBytes(document);
  if (bytes === undefined) {
    problems.add('definition', 'must be a JSON object');
  } else if (bytes > DEFINITION_LIMITS.documentBytes) {
    problems.add(
      'definition',
      `must be at most ${DEFINITION_LIMITS.documentBytes} bytes (it has ${bytes})`,
    );
  } else {
    checkStructure(document, problems);
    checkReferences(document, problems);
    // Rules and conditions are only meaningful on a document whose shape is right.
    if (problems.total === 0) checkSemantics(document as WizardDefinition, problems);
  }
  if (problems.total === 0) return { ok: true, definition: document as WizardDefinition };
  return { ok: false, problems: problems.reported, total: problems.total };
}
