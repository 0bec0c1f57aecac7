import { createHash } from 'node:crypto';
import type { WizardModel } from '../../definitions/wizard-model';
import { SelectionType } from '../../entities/enums';
import {
  path,
  price,
  skip,
  startSession,
  submit,
  type FileAnswer,
  type SessionState,
  type SetAnswer,
} from '../../runtime';
import { fromCents, toCents } from '../../runtime/pricing';

/** One set's answer by keys: options by key, or a value or file, and typed input by option key. */
export interface ConfigAnswer {
  set: string;
  options?: string[];
  value?: string;
  file?: FileAnswer;
  input?: Record<string, string>;
}

/** A step of a configuration: its answers, or that it was skipped. */
export interface ConfigStep {
  step: string;
  skipped?: boolean;
  answers: ConfigAnswer[];
}

/**
 * A session's answers by step, set and option keys, in path order (templates' config_json): it
 * survives reordering and new ids, and is applied through the engine to the wizard as it is then.
 */
export interface SessionConfig {
  formatVersion: 1;
  wizardKey: string;
  steps: ConfigStep[];
}

/** Something of a configuration that could not be applied, and why. */
export interface NotApplied {
  step: string;
  set: string | null;
  option: string | null;
  reason: string;
}

const VALUE_KINDS = new Set([
  SelectionType.TEXT_INPUT,
  SelectionType.DATE_PICKER,
  SelectionType.FILE_UPLOAD,
]);

/** The answers that count now (the path's answered and skipped steps) as keys. */
export function configOf(
  model: WizardModel,
  state: SessionState,
  includeUserData: boolean,
): SessionConfig {
  const sets = new Map(model.optionSets.map((set) => [set.id, set]));
  const options = new Map(model.options.map((option) => [option.id, option]));
  const steps: ConfigStep[] = [];
  for (const walked of path(model, state)) {
    if (walked.status === 'SKIPPED') {
      steps.push({ step: walked.key, skipped: true, answers: [] });
      continue;
    }
    if (walked.status !== 'ANSWERED') continue;
    const answers: ConfigAnswer[] = [];
    for (const answer of Object.values(state.answers[walked.stepId] ?? {})) {
      const set = sets.get(answer.setId);
      if (!set) continue;
      const entry: ConfigAnswer = { set: set.key };
      if (answer.optionIds?.length) {
        entry.options = answer.optionIds.map((id) => options.get(id)?.key ?? String(id));
        const typed = Object.entries(answer.additionalInput ?? {});
        if (includeUserData && typed.length)
          entry.input = Object.fromEntries(
            typed.map(([id, text]) => [options.get(Number(id))?.key ?? id, text]),
          );
      } else if (includeUserData && answer.value != null) {
        if (typeof answer.value === 'string') entry.value = answer.value;
        else entry.file = { ...answer.value };
      } else continue;
      answers.push(entry);
    }
    steps.push({ step: walked.key, answers });
  }
  return { formatVersion: 1, wizardKey: model.wizard.key, steps };
}

/** A configuration as it is applied: without typed data unless withData. */
export function withoutData(config: SessionConfig, withData: boolean): SessionConfig {
  if (withData) return config;
  return {
    ...config,
    steps: config.steps.map((step) => ({
      ...step,
      answers: step.answers
        .filter((answer) => answer.options?.length)
        .map(({ set, options }) => ({ set, options })),
    })),
  };
}

/** A stable digest of a configuration (what "the answers differ" compares). */
export function configDigest(config: SessionConfig): string {
  const canonical = config.steps.map((step) => ({
    step: step.step,
    skipped: step.skipped ?? false,
    answers: [...step.answers]
      .sort((a, b) => a.set.localeCompare(b.set))
      .map((answer) => ({ ...answer, options: answer.options ? [...answer.options].sort() : [] })),
  }));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** One readable paragraph: each step's choices (with prices) and the total. */
export function configSummary(model: WizardModel, state: SessionState): string {
  const labels = new Map(model.options.map((option) => [option.id, option]));
  const parts: string[] = [];
  for (const walked of path(model, state)) {
    if (walked.status === 'SKIPPED') parts.push(`${walked.name}: skipped`);
    if (walked.status !== 'ANSWERED') continue;
    const chosen = Object.values(state.answers[walked.stepId] ?? {}).flatMap((answer) =>
      (answer.optionIds ?? []).map((id) => {
        const option = labels.get(id);
        if (!option) return '';
        return toCents(option.price)
          ? `${option.label} (${fromCents(toCents(option.price))})`
          : option.label;
      }),
    );
    if (chosen.length) parts.push(`${walked.name}: ${chosen.join(', ')}`);
  }
  return `${parts.join('; ')}${parts.length ? '. ' : ''}Total ${price(model, state).total}.`;
}

/**
 * Applies a configuration to a new session, step by step through the engine, against the wizard
 * as it is now. What no longer fits (a step, set or option gone or inactive, hidden now, a rule
 * that leads elsewhere, an answer the set's rules refuse) is left out and reported; the first step
 * that cannot be answered ends the application, as it ends the path.
 */
export function applyConfig(
  model: WizardModel,
  config: SessionConfig,
  options: { withData: boolean; isGuest?: boolean },
): { state: SessionState; applied: number; notApplied: NotApplied[] } {
  let state = startSession(model, { isGuest: options.isGuest });
  const notApplied: NotApplied[] = [];
  let applied = 0;
  const report = (step: string, set: string | null, option: string | null, reason: string) =>
    notApplied.push({ step, set, option, reason });
  for (const [index, entry] of config.steps.entries()) {
    const step = model.steps.find(
      (candidate) => candidate.key === entry.step && candidate.isActive,
    );
    if (!step) {
      report(entry.step, null, null, 'the step no longer exists or is inactive');
      continue;
    }
    if (state.currentStepId !== step.id) {
      report(entry.step, null, null, 'the flow no longer leads to this step');
      continue;
    }
    if (entry.skipped) {
      const moved = skip(model, state, step.id);
      if (moved.ok) {
        state = moved.state;
        applied += 1;
      } else report(entry.step, null, null, 'the step can no longer be skipped');
      continue;
    }
    const answers = stepAnswers(model, step.id, entry, options.withData, report);
    let moved = submit(model, state, step.id, answers);
    if (!moved.ok) {
      // Leave out the sets the engine refused, report them, and try the rest once.
      const refused = new Set(moved.problems.map((problem) => problem.setId));
      for (const problem of moved.problems) {
        const set = model.optionSets.find((candidate) => candidate.id === problem.setId);
        if (set && Object.hasOwn(answers, set.id))
          report(entry.step, set.key, null, `${problem.code}: ${problem.message}`);
      }
      const kept = Object.fromEntries(
        Object.entries(answers).filter(([setId]) => !refused.has(Number(setId))),
      );
      moved = submit(model, state, step.id, kept);
    }
    if (!moved.ok) {
      for (const problem of moved.problems)
        report(entry.step, problem.setKey, null, `${problem.code}: ${problem.message}`);
      const rest = config.steps.slice(index + 1);
      for (const later of rest)
        report(later.step, null, null, 'an earlier step could not be answered');
      break;
    }
    state = moved.state;
    applied += 1;
  }
  return { state, applied, notApplied };
}

/** A configuration step's answers as ids, leaving out (and reporting) what the wizard lacks. */
function stepAnswers(
  model: WizardModel,
  stepId: number,
  entry: ConfigStep,
  withData: boolean,
  report: (step: string, set: string | null, option: string | null, reason: string) => void,
): Record<number, SetAnswer> {
  const answers: Record<number, SetAnswer> = {};
  for (const answer of entry.answers) {
    const set = model.optionSets.find(
      (candidate) =>
        candidate.stepId === stepId && candidate.key === answer.set && candidate.isActive,
    );
    if (!set) {
      report(entry.step, answer.set, null, 'the set no longer exists or is inactive');
      continue;
    }
    if (VALUE_KINDS.has(set.selectionType)) {
      const value = answer.file ?? answer.value;
      if (value === undefined) continue;
      if (!withData) {
        report(entry.step, answer.set, null, 'typed data is not applied (withData is false)');
        continue;
      }
      answers[set.id] = { setId: set.id, value };
      continue;
    }
    const optionIds: number[] = [];
    const additionalInput: Record<number, string> = {};
    for (const key of answer.options ?? []) {
      const option = model.options.find(
        (candidate) => candidate.setId === set.id && candidate.key === key && candidate.isActive,
      );
      if (!option) {
        report(entry.step, answer.set, key, 'the option no longer exists or is inactive');
        continue;
      }
      optionIds.push(option.id);
      const typed = answer.input?.[key];
      if (withData && typed !== undefined) additionalInput[option.id] = typed;
    }
    if (optionIds.length) answers[set.id] = { setId: set.id, optionIds, additionalInput };
  }
  return answers;
}
