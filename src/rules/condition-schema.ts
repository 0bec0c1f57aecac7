import { createHash } from 'node:crypto';
import type { WizardModel } from '../definitions/wizard-model';
import { SelectionType } from '../entities/enums';

/** CEL type names of the values every wizard shares. */
export const FILE_TYPE = 'wizard.File';
export const SESSION_TYPE = 'wizard.Session';
export const ANSWERS_TYPE = 'wizard.Answers';

/** How a set's answer appears in `answers.<step>.<set>`. */
export type AnswerKind = 'choices' | 'text' | 'file';

export interface SchemaSet {
  key: string;
  kind: AnswerKind;
}

export interface SchemaStep {
  key: string;
  /** The CEL type of `answers.<key>`; shown in type errors, e.g. `answers.usage`. */
  typeName: string;
  sets: SchemaSet[];
}

/** The shape of `answers` for one wizard: every step and set, active or not, by key. */
export interface AnswerSchema {
  steps: SchemaStep[];
  /** Identifies the shape: equal signatures type-check every condition alike. */
  signature: string;
}

const CEL_TYPE_OF: Record<AnswerKind, string> = {
  choices: 'list<string>',
  text: 'string',
  file: FILE_TYPE,
};

/** The CEL type of an answer of this kind. */
export const celTypeOf = (kind: AnswerKind): string => CEL_TYPE_OF[kind];

export function answerKind(type: SelectionType): AnswerKind {
  if (type === SelectionType.FILE_UPLOAD) return 'file';
  if (type === SelectionType.TEXT_INPUT || type === SelectionType.DATE_PICKER) return 'text';
  return 'choices';
}

// Keys that cannot be part of a CEL type name get one made from the step id instead.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Inactive steps and sets are included: a condition naming them is well-typed (their answers are
 * simply absent), and the logic check warns about it separately.
 */
export function answerSchema(model: WizardModel): AnswerSchema {
  const steps = model.steps.map((step) => ({
    key: step.key,
    typeName: PLAIN_KEY.test(step.key) ? `answers.${step.key}` : `wizard.Step${step.id}`,
    sets: model.optionSets
      .filter((set) => set.stepId === step.id)
      .map((set) => ({ key: set.key, kind: answerKind(set.selectionType) })),
  }));
  const signature = createHash('sha256').update(JSON.stringify(steps)).digest('base64url');
  return { steps, signature };
}
