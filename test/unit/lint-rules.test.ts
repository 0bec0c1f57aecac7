import type { FlowRuleDefinition } from '../../src/definitions/wizard-definition';
import type { WizardModel } from '../../src/definitions/wizard-model';
import { ConditionType } from '../../src/entities/enums';
import { codes, lint, only, steps, wizard } from '../helpers/lint-wizards';
import { FIRST_ID } from '../helpers/wizard-model';

const { OPTIONAL, CONDITIONAL } = ConditionType;
const abc = steps('a', 'b', 'c');
const ruleId = FIRST_ID.rule;
/** A rule from b to c on answer b.pick.a: harmless, so only what a test changes is found. */
const bToC: FlowRuleDefinition = { from: 'b', to: 'c', fromOption: { set: 'pick', option: 'a' } };
const conditional = (condition?: string): FlowRuleDefinition => ({
  from: 'a',
  to: 'c',
  conditionType: CONDITIONAL,
  condition,
});

describe('lintWizard: flow rule references', () => {
  it('finds nothing wrong with a rule on an answer', () => {
    expect(lint(wizard(abc, [bToC]))).toEqual([]);
  });

  it('RULE_STEP_NOT_IN_WIZARD for a step of another wizard', () => {
    const findings = lint(wizard(abc, [bToC]), (m) => (m.flowRules[0].toStepId = 999));
    expect(only(findings, 'RULE_STEP_NOT_IN_WIZARD')).toMatchObject({
      severity: 'ERROR',
      refs: [{ entity: 'FLOW_RULE', id: ruleId }],
    });
    const from = lint(wizard(abc, [bToC]), (m) => (m.flowRules[0].fromStepId = 999));
    expect(codes(from)).toEqual(['RULE_STEP_NOT_IN_WIZARD']);
  });

  it('RULE_TARGET_INACTIVE for a rule into an inactive step', () => {
    const [a, b, c, d] = steps('a', 'b', 'c', 'd');
    const findings = lint(wizard([a, b, { ...c, isActive: false }, d], [bToC]));
    expect(codes(findings)).toEqual(['RULE_TARGET_INACTIVE']);
    expect(only(findings, 'RULE_TARGET_INACTIVE').refs).toContainEqual({
      entity: 'STEP',
      id: FIRST_ID.step + 2,
    });
  });

  it('RULE_FROM_INACTIVE_STEP for a rule that leaves from an inactive step', () => {
    const [a, b, c] = abc;
    expect(codes(lint(wizard([a, { ...b, isActive: false }, c], [bToC])))).toEqual([
      'RULE_FROM_INACTIVE_STEP',
    ]);
  });

  it('RULE_OPTION_NOT_ON_STEP for a from-option of another step or wizard', () => {
    const onA = (m: WizardModel) => (m.flowRules[0].fromOptionId = FIRST_ID.option);
    expect(codes(lint(wizard(abc, [bToC]), onA))).toEqual(['RULE_OPTION_NOT_ON_STEP']);
    const foreign = lint(wizard(abc, [bToC]), (m) => (m.flowRules[0].fromOptionId = 99999));
    expect(codes(foreign)).toEqual(['RULE_OPTION_NOT_ON_STEP']);
  });

  it('RULE_OPTION_INACTIVE for a from-option that is inactive', () => {
    const findings = lint(wizard(abc, [bToC]), (m) => (m.options[2].isActive = false));
    expect(codes(findings)).toEqual(['RULE_OPTION_INACTIVE']);
  });

  it('ignores inactive rules', () => {
    const broken = { ...conditional(), isActive: false };
    expect(lint(wizard(abc, [broken, { from: 'b', to: 'a', isActive: false }]))).toEqual([]);
  });
});

describe('lintWizard: conditions', () => {
  it('accepts a valid condition', () => {
    expect(lint(wizard(abc, [conditional("'a' in answers.a.pick && price < 10.0")]))).toEqual([]);
  });

  it('RULE_CONDITION_MISSING for a CONDITIONAL rule without condition', () => {
    expect(codes(lint(wizard(abc, [conditional()])))).toEqual(['RULE_CONDITION_MISSING']);
    expect(codes(lint(wizard(abc, [conditional('  ')])))).toEqual(['RULE_CONDITION_MISSING']);
  });

  it.each([
    ["'a' in answers.x.pick", 'No step "x" (steps: a, b, c).'],
    ["'a' in answers.a.nope", 'Step "a" has no set "nope" (its sets: pick).'],
    ["answers.a.pick == 'a'", 'no such overload: list<string> == string'],
    ['price', 'must be true or false'],
    ['price >', 'Syntax error'],
  ])('RULE_CONDITION_INVALID for %s', (condition, message) => {
    const [finding] = lint(wizard(abc, [conditional(condition)]));
    expect(finding).toMatchObject({ code: 'RULE_CONDITION_INVALID', severity: 'ERROR' });
    expect(finding.message).toContain(message);
    expect(finding.message).toMatch(/^The condition of the rule #\d+: /);
  });

  it('RULE_CONDITION_IGNORED for a condition on a REQUIRED or OPTIONAL rule', () => {
    const optional = { ...bToC, conditionType: OPTIONAL, condition: 'price > 1.0' };
    const [finding] = lint(wizard(abc, [optional]));
    expect(finding).toMatchObject({ code: 'RULE_CONDITION_IGNORED', severity: 'WARNING' });
  });

  it('names rules by their name when they have one', () => {
    const [finding] = lint(wizard(abc, [{ ...conditional(), name: 'Skip b' }]));
    expect(finding.message).toBe('The CONDITIONAL rule "Skip b" has no condition.');
  });
});
