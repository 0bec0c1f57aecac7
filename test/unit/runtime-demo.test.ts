import { SelectionType } from '../../src/entities/enums';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import type { WizardModel } from '../../src/definitions/wizard-model';
import {
  canComplete,
  skip,
  startSession,
  submit,
  viewStep,
  type SessionState,
  type SetAnswer,
  type SetView,
  type StepAnswers,
} from '../../src/runtime';
import { wizardModelFromDefinition } from '../helpers/wizard-model';

/** Values that satisfy the demo wizards' patterns, by pattern. */
const SAMPLES: Record<string, string> = {
  '^[A-Z]{2}[0-9A-Z]{2,12}$': 'DE123456789',
  '^[0-9]{1,6}(\\.[0-9][0-9])?$': '25.00',
  '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$': 'guest@example.org',
};

type Strategy = 'first' | 'last';

/** Options the 'last' run prefers, to take a branch the default picks miss. */
const PREFER: Record<string, string[]> = { wedding_planning: ['intimate', 'elopement'] };
let preferred: string[] = [];

function textValue(set: SetView): string {
  const rules = set.validationRules ?? {};
  if (typeof rules.pattern === 'string') return SAMPLES[rules.pattern];
  const length = Math.max(Number(rules.minLength ?? 1), 12);
  return 'x'.repeat(Math.min(length, Number(rules.maxLength ?? length)));
}

function valueOf(set: SetView): SetAnswer['value'] {
  const rules = set.validationRules ?? {};
  if (set.selectionType === SelectionType.DATE_PICKER)
    return typeof rules.min === 'string' ? rules.min : '2026-06-01';
  if (set.selectionType === SelectionType.TEXT_INPUT) return textValue(set);
  const types = (rules.mimeTypes as string[] | undefined) ?? ['application/pdf'];
  return { name: 'file', mimeType: types[0].replace('*', 'png'), bytes: 1024 };
}

function choose(set: SetView, strategy: Strategy): number[] {
  const selectable = set.options.filter((o) => o.visible && !o.disabled);
  const reversed = [...selectable].reverse();
  const ordered =
    strategy === 'first'
      ? selectable
      : [...reversed.filter((o) => preferred.includes(o.key)), ...reversed];
  const chosen = selectable.filter((o) => o.required).map((o) => o.id);
  const wanted = set.selectionType === SelectionType.SINGLE ? 1 : Math.max(set.minSelections, 1);
  for (const option of ordered)
    if (chosen.length < wanted && !chosen.includes(option.id)) chosen.push(option.id);
  return chosen;
}

/** Answers picked from the view: every visible set answered (optional ones too). */
function answersFor(sets: SetView[], strategy: Strategy): StepAnswers {
  const answers: Record<number, SetAnswer> = {};
  for (const set of sets.filter((s) => s.visible)) {
    if (
      set.selectionType !== SelectionType.SINGLE &&
      set.selectionType !== SelectionType.MULTIPLE
    ) {
      answers[set.id] = { setId: set.id, value: valueOf(set) };
      continue;
    }
    const optionIds = choose(set, strategy);
    if (!optionIds.length) continue;
    const additionalInput = Object.fromEntries(
      set.options
        .filter((o) => o.requiresInput && optionIds.includes(o.id))
        .map((o) => [o.id, 'typed']),
    );
    answers[set.id] = { setId: set.id, optionIds, additionalInput };
  }
  return answers;
}

function runToEnd(
  model: WizardModel,
  strategy: Strategy,
): { state: SessionState; skipped: number } {
  let state = startSession(model);
  let skipped = 0;
  for (let moves = 0; moves < 50; moves += 1) {
    const stepId = state.currentStepId!;
    const view = viewStep(model, state, stepId)!;
    // the 'last' strategy skips whatever may be skipped, to walk a different path
    const outcome =
      strategy === 'last' && view.canSkip
        ? skip(model, state, stepId)
        : submit(model, state, stepId, answersFor(view.sets, strategy));
    if (strategy === 'last' && view.canSkip) skipped += 1;
    expect({ step: view.key, problems: outcome.problems }).toEqual({
      step: view.key,
      problems: [],
    });
    state = outcome.state;
    if (outcome.next?.complete) return { state, skipped };
  }
  throw new Error('no completion after 50 moves');
}

describe.each(DEMO_WIZARDS)('the demo wizard $key', (definition) => {
  const model = wizardModelFromDefinition(definition);
  const key = (id: number) => model.steps.find((step) => step.id === id)!.key;

  it('runs to completion along two different paths', () => {
    preferred = PREFER[definition.key] ?? [];
    const first = runToEnd(model, 'first');
    const last = runToEnd(model, 'last');
    for (const { state } of [first, last]) {
      expect(canComplete(model, state)).toEqual({ ok: true, missing: [] });
      const view = viewStep(model, state, state.currentStepId!)!;
      expect(view.progress.percent).toBe(100);
      expect(view.price.total).toMatch(/^\d+\.\d{2}$/);
    }
    const paths = [first, last].map(({ state }) => state.path.map(key).join(' > '));
    const differ = paths[0] !== paths[1] || last.skipped > 0;
    expect({ paths, differ }).toEqual({ paths, differ: true });
  });
});
