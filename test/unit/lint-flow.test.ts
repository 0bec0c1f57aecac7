import { ConditionType } from '../../src/entities/enums';
import { FIRST_ID } from '../helpers/wizard-model';
import { codes, lint, only, steps, wizard } from '../helpers/lint-wizards';

const { REQUIRED, OPTIONAL, CONDITIONAL } = ConditionType;
const step = (n: number) => ({ entity: 'STEP', id: FIRST_ID.step + n });
const rule = (n: number) => ({ entity: 'FLOW_RULE', id: FIRST_ID.rule + n });

describe('lintWizard: flow', () => {
  it('finds nothing in a straight wizard', () => {
    expect(lint(wizard(steps('a', 'b', 'c')))).toEqual([]);
  });

  it('NO_ACTIVE_STEPS when every step is inactive', () => {
    const inactive = steps('a', 'b').map((s) => ({ ...s, isActive: false }));
    expect(codes(lint(wizard(inactive)))).toEqual(['NO_ACTIVE_STEPS']);
  });

  it('STEP_UNREACHABLE when an always-applying rule jumps over a step', () => {
    const findings = lint(wizard(steps('a', 'b', 'c'), [{ from: 'a', to: 'c' }]));
    expect(findings).toEqual([
      {
        severity: 'WARNING',
        code: 'STEP_UNREACHABLE',
        message: 'Step "b" cannot be reached from the first step "a".',
        refs: [step(1)],
      },
    ]);
    const conditional = { from: 'a', to: 'c', conditionType: CONDITIONAL, condition: 'true' };
    expect(lint(wizard(steps('a', 'b', 'c'), [conditional]))).toEqual([]);
    const onAnswer = { from: 'a', to: 'c', fromOption: { set: 'pick', option: 'a' } };
    expect(lint(wizard(steps('a', 'b', 'c'), [onAnswer]))).toEqual([]);
  });

  it('counts the first active step as the start, and skips inactive steps by default', () => {
    const [a, b, c] = steps('a', 'b', 'c');
    expect(lint(wizard([{ ...a, isActive: false }, b, c]))).toEqual([]);
    expect(lint(wizard([a, { ...b, isActive: false }, c]))).toEqual([]);
  });

  it('FLOW_LOOP_NO_EXIT when an always-applying rule leads back', () => {
    const findings = lint(
      wizard(steps('a', 'b', 'c'), [{ from: 'b', to: 'a', conditionType: OPTIONAL }]),
    );
    expect(codes(findings)).toEqual(['FLOW_LOOP_NO_EXIT', 'STEP_UNREACHABLE']);
    expect(only(findings, 'FLOW_LOOP_NO_EXIT')).toMatchObject({
      severity: 'ERROR',
      refs: [step(0), step(1), rule(0)],
    });
    expect(only(findings, 'FLOW_LOOP_NO_EXIT').message).toContain('"a", "b" can never finish');
  });

  it('no FLOW_LOOP_NO_EXIT when the loop has a way out', () => {
    const back = { from: 'b', to: 'a', conditionType: CONDITIONAL, condition: 'price > 1.0' };
    expect(lint(wizard(steps('a', 'b', 'c'), [back]))).toEqual([]);
    const exit = { from: 'a', to: 'c', fromOption: { set: 'pick', option: 'b' }, priority: 5 };
    const loop = { from: 'b', to: 'a' };
    expect(lint(wizard(steps('a', 'b', 'c'), [exit, loop]))).toEqual([]);
  });

  it('FLOW_LOOP_NO_EXIT for a step that always leads to itself, and for the steps before it', () => {
    const findings = lint(wizard(steps('a', 'b', 'c'), [{ from: 'b', to: 'b' }]));
    expect(only(findings, 'FLOW_LOOP_NO_EXIT').refs).toEqual([step(0), step(1), rule(0)]);
  });

  it('lets a higher-priority rule fire before an always-applying one, but not a lower one', () => {
    const jump = { from: 'a', to: 'c', priority: 10 };
    const higher = {
      from: 'a',
      to: 'b',
      conditionType: CONDITIONAL,
      condition: 'true',
      priority: 20,
    };
    expect(lint(wizard(steps('a', 'b', 'c'), [jump, higher]))).toEqual([]);
    const lower = { ...higher, priority: 5 };
    const findings = lint(wizard(steps('a', 'b', 'c'), [jump, lower]));
    expect(codes(findings)).toEqual(['RULE_SHADOWED', 'STEP_UNREACHABLE']);
    expect(only(findings, 'RULE_SHADOWED').refs).toEqual([rule(1), rule(0)]);
  });

  it('RULE_PRIORITY_TIE for rules of one step and answer with equal priority (both followed)', () => {
    const always = { from: 'a', to: 'c', conditionType: REQUIRED };
    const tied = { from: 'a', to: 'b', conditionType: CONDITIONAL, condition: 'true' };
    const findings = lint(wizard(steps('a', 'b', 'c'), [always, tied]));
    expect(codes(findings)).toEqual(['RULE_PRIORITY_TIE']);
    expect(only(findings, 'RULE_PRIORITY_TIE').refs).toEqual([rule(0), rule(1)]);
    const onAnswer = { ...tied, fromOption: { set: 'pick', option: 'a' } };
    expect(lint(wizard(steps('a', 'b', 'c'), [always, onAnswer]))).toEqual([]);
    expect(lint(wizard(steps('a', 'b', 'c'), [always, { ...tied, priority: 1 }]))).toEqual([]);
  });
});
