import type { OptionDefinition, StepDefinition } from '../../src/definitions/wizard-definition';
import { DependencyType, SelectionType, SetDependencyType } from '../../src/entities/enums';
import { codes, lint, only, pickSet, steps, wizard } from '../helpers/lint-wizards';
import { FIRST_ID } from '../helpers/wizard-model';

const { SHOW_IF, HIDE_IF, DISABLE_IF, REQUIRE_IF } = DependencyType;
const on = (step: string, option = 'a') => ({ step, set: 'pick', option });
const optionDep = (id = FIRST_ID.optionDependency) => ({ entity: 'OPTION_DEPENDENCY', id });

/** Steps a, b, c; step b's option `a` gets these dependencies. */
function withOptionDeps(
  ...dependencies: OptionDefinition['dependencies'] & object
): StepDefinition[] {
  const [a, b, c] = steps('a', 'b', 'c');
  const options = [
    { key: 'a', label: 'A', dependencies },
    { key: 'b', label: 'B' },
  ];
  return [a, { ...b, optionSets: [pickSet({ options })] }, c];
}

/** Steps a and b; step b gets this set as its only set. */
const withSet = (set: ReturnType<typeof pickSet>): StepDefinition[] => {
  const [a, b] = steps('a', 'b');
  return [a, { ...b, optionSets: [set] }];
};

describe('lintWizard: dependencies', () => {
  it('accepts dependencies on earlier steps', () => {
    expect(lint(wizard(withOptionDeps({ type: HIDE_IF, on: on('a') })))).toEqual([]);
  });

  it('DEPENDENCY_SOURCE_NOT_EARLIER for a source on the same or a later step', () => {
    for (const source of ['b', 'c']) {
      const findings = lint(wizard(withOptionDeps({ type: SHOW_IF, on: on(source, 'b') })));
      expect(only(findings, 'DEPENDENCY_SOURCE_NOT_EARLIER')).toMatchObject({ severity: 'ERROR' });
      expect(only(findings, 'DEPENDENCY_SOURCE_NOT_EARLIER').refs[0]).toEqual(optionDep());
    }
  });

  it('DEPENDENCY_SOURCE_NOT_EARLIER for set dependencies too', () => {
    const set = pickSet({
      key: 'extra',
      dependencies: [{ type: SetDependencyType.SHOW_IF, on: on('b') }],
    });
    const [a, b] = steps('a', 'b');
    const findings = lint(wizard([a, { ...b, optionSets: [pickSet(), set] }]));
    expect(only(findings, 'DEPENDENCY_SOURCE_NOT_EARLIER').refs[0]).toEqual({
      entity: 'SET_DEPENDENCY',
      id: FIRST_ID.setDependency,
    });
  });

  it('DEPENDENCY_OPTION_NOT_ON_STEP when the source option is on another step', () => {
    const deps = withOptionDeps({ type: HIDE_IF, on: on('a') });
    const findings = lint(
      wizard(deps),
      (m) => (m.optionDependencies[0].dependsOnStepId = FIRST_ID.step + 2),
    );
    expect(codes(findings)).toEqual(['DEPENDENCY_OPTION_NOT_ON_STEP']);
  });

  it('DEPENDENCY_SOURCE_NOT_IN_WIZARD when the source belongs to another wizard', () => {
    const deps = withOptionDeps({ type: HIDE_IF, on: on('a') });
    const option = lint(wizard(deps), (m) => (m.optionDependencies[0].dependsOnOptionId = 99999));
    expect(codes(option)).toEqual(['DEPENDENCY_SOURCE_NOT_IN_WIZARD']);
    const step = lint(wizard(deps), (m) => (m.optionDependencies[0].dependsOnStepId = 999));
    expect(codes(step)).toEqual(['DEPENDENCY_SOURCE_NOT_IN_WIZARD']);
  });

  it('DEPENDENCY_SOURCE_INACTIVE when the source option is inactive', () => {
    const deps = withOptionDeps({ type: SHOW_IF, on: on('a') });
    const findings = lint(wizard(deps), (m) => (m.options[0].isActive = false));
    expect(codes(findings)).toEqual(['DEPENDENCY_SOURCE_INACTIVE']);
  });

  it('DEPENDENCY_SHOW_AND_HIDE for SHOW_IF and HIDE_IF on one source', () => {
    const both = withOptionDeps({ type: SHOW_IF, on: on('a') }, { type: HIDE_IF, on: on('a') });
    const findings = lint(wizard(both));
    expect(only(findings, 'DEPENDENCY_SHOW_AND_HIDE').refs).toEqual([
      { entity: 'OPTION', id: FIRST_ID.option + 2 },
      optionDep(),
      optionDep(FIRST_ID.optionDependency + 1),
    ]);
    const apart = withOptionDeps(
      { type: SHOW_IF, on: on('a') },
      { type: HIDE_IF, on: on('a', 'b') },
    );
    expect(lint(wizard(apart))).toEqual([]);
  });

  it('ignores dependencies of inactive options', () => {
    const deps = withOptionDeps({ type: SHOW_IF, on: on('c') });
    expect(lint(wizard(deps), (m) => (m.options[2].isActive = false))).toEqual([]);
  });
});

describe('lintWizard: option sets', () => {
  const options = (...flags: Partial<OptionDefinition>[]) =>
    flags.map((f, i) => ({ key: `o${i}`, label: `O${i}`, ...f }));

  it('REQUIRED_SET_NOT_ANSWERABLE when no active option can be selected', () => {
    for (const set of [
      pickSet({ options: [] }),
      pickSet({ options: options({ isDisabled: true }, { isActive: false }) }),
      pickSet({
        isRequired: false,
        selectionType: SelectionType.MULTIPLE,
        minSelections: 1,
        options: [],
      }),
    ]) {
      const finding = only(lint(wizard(withSet(set))), 'REQUIRED_SET_NOT_ANSWERABLE');
      expect(finding).toMatchObject({
        severity: 'ERROR',
        refs: [{ entity: 'OPTION_SET', id: FIRST_ID.set + 1 }],
      });
    }
  });

  it('CHOICE_SET_WITHOUT_OPTIONS for an optional set with no active option', () => {
    const set = pickSet({ isRequired: false, options: options({ isActive: false }) });
    expect(codes(lint(wizard(withSet(set))))).toEqual(['CHOICE_SET_WITHOUT_OPTIONS']);
    const disabledOnly = pickSet({ isRequired: false, options: options({ isDisabled: true }) });
    expect(lint(wizard(withSet(disabledOnly)))).toEqual([]);
  });

  it('SINGLE_SET_SEVERAL_DEFAULTS when a SINGLE set has more than one active default', () => {
    const twoDefaults = pickSet({ options: options({ isDefault: true }, { isDefault: true }) });
    expect(only(lint(wizard(withSet(twoDefaults))), 'SINGLE_SET_SEVERAL_DEFAULTS')).toMatchObject({
      severity: 'WARNING',
      refs: [{ entity: 'OPTION_SET', id: FIRST_ID.set + 1 }, expect.anything(), expect.anything()],
    });
    const multiple = pickSet({
      selectionType: SelectionType.MULTIPLE,
      options: options({ isDefault: true }, { isDefault: true }),
    });
    expect(codes(lint(wizard(withSet(multiple))))).not.toContain('SINGLE_SET_SEVERAL_DEFAULTS');
    const oneInactive = pickSet({
      options: [
        { key: 'a', label: 'A', isDefault: true },
        { key: 'b', label: 'B', isDefault: true, isActive: false },
      ],
    });
    expect(lint(wizard(withSet(oneInactive)))).toEqual([]);
  });

  it('REQUIRED_SET_MAY_BE_EMPTIED when every selectable option may be hidden or disabled', () => {
    const deps = (type: DependencyType) => ({ dependencies: [{ type, on: on('a') }] });
    const set = pickSet({
      options: options(deps(HIDE_IF), deps(SHOW_IF), deps(DISABLE_IF), { isDisabled: true }),
    });
    const finding = only(lint(wizard(withSet(set))), 'REQUIRED_SET_MAY_BE_EMPTIED');
    expect(finding.severity).toBe('WARNING');
    expect(finding.refs).toHaveLength(4);
    const oneStays = pickSet({ options: options(deps(HIDE_IF), {}) });
    expect(lint(wizard(withSet(oneStays)))).toEqual([]);
    const requireOnly = pickSet({ options: options(deps(REQUIRE_IF)) });
    expect(lint(wizard(withSet(requireOnly)))).toEqual([]);
  });

  it('MIN_SELECTIONS_EXCEED_OPTIONS and SELECTION_BOUNDS_INVALID for MULTIPLE sets', () => {
    const multiple = (min: number, max?: number) =>
      pickSet({ selectionType: SelectionType.MULTIPLE, minSelections: min, maxSelections: max });
    expect(codes(lint(wizard(withSet(multiple(3)))))).toEqual(['MIN_SELECTIONS_EXCEED_OPTIONS']);
    expect(codes(lint(wizard(withSet(multiple(2, 1)))))).toEqual(['SELECTION_BOUNDS_INVALID']);
    expect(lint(wizard(withSet(multiple(2, 2))))).toEqual([]);
  });

  it('ignores sets of inactive steps and inactive sets', () => {
    const broken = pickSet({ options: [] });
    const [a, b] = withSet(broken);
    expect(lint(wizard([a, { ...b, isActive: false }]))).toEqual([]);
    expect(lint(wizard(withSet({ ...broken, isActive: false })))).toEqual([]);
  });
});
