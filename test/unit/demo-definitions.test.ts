import type {
  FlowRuleDefinition,
  OptionReference,
  WizardDefinition,
} from '../../src/definitions/wizard-definition';
import {
  ConditionType,
  DependencyType,
  SelectionType,
  SetDependencyType,
} from '../../src/entities/enums';
import { DEMO_WIZARDS, laptopConfigurator } from '../../src/seed/demo';

const KEY = /^[a-z][a-z0-9_]*$/;
const PRICE = /^\d{1,8}(\.\d{1,2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VALUE_TYPES = new Set([
  SelectionType.TEXT_INPUT,
  SelectionType.DATE_PICKER,
  SelectionType.FILE_UPLOAD,
]);

/** Keys that occur more than once. */
function duplicates(keys: string[]): string[] {
  return keys.filter((key, index) => keys.indexOf(key) !== index);
}

function refKey(ref: OptionReference): string {
  return `${ref.step}/${ref.set}/${ref.option}`;
}

const activeRules = (wizard: WizardDefinition): FlowRuleDefinition[] =>
  (wizard.flowRules ?? []).filter((rule) => rule.isActive !== false);

/** Step index by key, and every option as "step/set/option". */
function indexWizard(wizard: WizardDefinition) {
  const stepIndex = new Map(wizard.steps.map((step, index) => [step.key, index]));
  const sets = new Set(
    wizard.steps.flatMap((step) => step.optionSets.map((set) => `${step.key}/${set.key}`)),
  );
  const options = new Set(
    wizard.steps.flatMap((step) =>
      step.optionSets.flatMap((set) =>
        set.options.map((option) => refKey({ step: step.key, set: set.key, option: option.key })),
      ),
    ),
  );
  return { stepIndex, sets, options };
}

/**
 * Possible next steps of each step: every active rule is an edge, and so is the next step by order
 * unless a REQUIRED rule without fromOption always leaves the step elsewhere.
 */
function flowGraph(wizard: WizardDefinition): Map<string, Set<string>> {
  const graph = new Map(wizard.steps.map((step) => [step.key, new Set<string>()]));
  const rules = activeRules(wizard);
  wizard.steps.forEach((step, index) => {
    const alwaysLeaves = rules.some(
      (rule) =>
        rule.from === step.key &&
        !rule.fromOption &&
        (rule.conditionType ?? ConditionType.REQUIRED) === ConditionType.REQUIRED,
    );
    const next = wizard.steps[index + 1];
    if (next && !alwaysLeaves) graph.get(step.key)!.add(next.key);
  });
  for (const rule of rules) graph.get(rule.from)?.add(rule.to);
  return graph;
}

function reachableFrom(start: string, graph: Map<string, Set<string>>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const next of graph.get(key) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** [path, value, column length] for every length-limited string of the wizard. */
function limitedStrings(wizard: WizardDefinition): [string, string | undefined, number][] {
  const fields: [string, string | undefined, number][] = [
    ['key', wizard.key, 100],
    ['name', wizard.name, 200],
    ['category', wizard.category, 100],
    ['icon', wizard.icon, 100],
    ['color', wizard.color, 50],
    ['bannerImage', wizard.bannerImage, 255],
    ['version', wizard.version, 20],
  ];
  for (const step of wizard.steps) {
    const s = step.key;
    fields.push([`${s}.key`, step.key, 100], [`${s}.name`, step.name, 100]);
    fields.push([`${s}.title`, step.title, 200], [`${s}.icon`, step.icon, 100]);
    for (const set of step.optionSets) {
      const p = `${s}.${set.key}`;
      fields.push([`${p}.key`, set.key, 100], [`${p}.name`, set.name, 100]);
      fields.push([`${p}.title`, set.title, 200]);
      for (const option of set.options) {
        const o = `${p}.${option.key}`;
        fields.push([`${o}.key`, option.key, 100], [`${o}.label`, option.label, 200]);
        fields.push([`${o}.value`, option.value, 255], [`${o}.icon`, option.icon, 100]);
        fields.push([`${o}.imageUrl`, option.imageUrl, 255]);
        fields.push([`${o}.inputPlaceholder`, option.inputPlaceholder, 255]);
      }
    }
  }
  (wizard.flowRules ?? []).forEach((rule, r) =>
    fields.push([`flowRules[${r}].name`, rule.name, 100]),
  );
  return fields;
}

/** Problems with a set's validationRules for its selection type. */
function validationProblems(
  type: SelectionType,
  rules: Record<string, unknown> | undefined,
): string[] {
  if (!rules) return [];
  const problems: string[] = [];
  const isCount = (value: unknown) =>
    value === undefined || (Number.isInteger(value) && Number(value) >= 0);
  switch (type) {
    case SelectionType.TEXT_INPUT: {
      const { minLength, maxLength, pattern, ...rest } = rules;
      if (!isCount(minLength) || !isCount(maxLength)) problems.push('lengths must be integers');
      if (typeof minLength === 'number' && typeof maxLength === 'number' && minLength > maxLength)
        problems.push('minLength > maxLength');
      if (pattern !== undefined) {
        try {
          if (typeof pattern !== 'string') throw new TypeError('not a string');
          new RegExp(pattern);
        } catch {
          problems.push(`bad pattern ${JSON.stringify(pattern)}`);
        }
      }
      if (Object.keys(rest).length) problems.push(`unknown rules ${Object.keys(rest).join()}`);
      break;
    }
    case SelectionType.DATE_PICKER: {
      const { min, max, ...rest } = rules;
      for (const date of [min, max]) {
        if (date !== undefined && !(typeof date === 'string' && ISO_DATE.test(date)))
          problems.push(`not an ISO date: ${JSON.stringify(date)}`);
      }
      if (typeof min === 'string' && typeof max === 'string' && min > max)
        problems.push('min > max');
      if (Object.keys(rest).length) problems.push(`unknown rules ${Object.keys(rest).join()}`);
      break;
    }
    case SelectionType.FILE_UPLOAD: {
      const { mimeTypes, maxBytes, ...rest } = rules;
      if (
        mimeTypes !== undefined &&
        !(Array.isArray(mimeTypes) && mimeTypes.every((m) => typeof m === 'string'))
      )
        problems.push('mimeTypes must be a string array');
      if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && Number(maxBytes) > 0))
        problems.push('maxBytes must be a positive integer');
      if (Object.keys(rest).length) problems.push(`unknown rules ${Object.keys(rest).join()}`);
      break;
    }
    default:
      problems.push(`${type} sets take no validation rules`);
  }
  return problems;
}

describe('DEMO_WIZARDS', () => {
  it('lists four wizards with distinct keys, the laptop configurator first', () => {
    expect(DEMO_WIZARDS).toHaveLength(4);
    expect(DEMO_WIZARDS[0]).toBe(laptopConfigurator);
    expect(duplicates(DEMO_WIZARDS.map((wizard) => wizard.key))).toEqual([]);
  });

  it('are all published and public', () => {
    for (const wizard of DEMO_WIZARDS) {
      expect({ key: wizard.key, published: wizard.published, isPublic: wizard.isPublic }).toEqual({
        key: wizard.key,
        published: true,
        isPublic: true,
      });
    }
  });
});

describe.each(DEMO_WIZARDS)('$name', (wizard) => {
  const { stepIndex, sets, options } = indexWizard(wizard);

  it('uses well-formed keys, unique within their parent', () => {
    const problems: string[] = [];
    const check = (path: string, keys: string[]) => {
      for (const key of keys)
        if (!KEY.test(key) || key.length > 100) problems.push(`${path}: ${key}`);
      for (const key of duplicates(keys)) problems.push(`${path}: duplicate ${key}`);
    };
    check('wizard', [wizard.key]);
    check(
      'steps',
      wizard.steps.map((step) => step.key),
    );
    for (const step of wizard.steps) {
      check(
        step.key,
        step.optionSets.map((set) => set.key),
      );
      for (const set of step.optionSets) {
        check(
          `${step.key}.${set.key}`,
          set.options.map((option) => option.key),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps strings within their column sizes', () => {
    const tooLong = limitedStrings(wizard)
      .filter(([, value, max]) => value !== undefined && value.length > max)
      .map(([path, value, max]) => `${path}: ${value!.length} > ${max}`);
    expect(tooLong).toEqual([]);
  });

  it('writes prices as decimals with at most two fraction digits', () => {
    const bad = wizard.steps.flatMap((step) =>
      step.optionSets.flatMap((set) =>
        set.options
          .filter((option) => option.price !== undefined && !PRICE.test(option.price))
          .map((option) => `${step.key}.${set.key}.${option.key}: ${option.price}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('shapes each option set for its selection type', () => {
    const problems: string[] = [];
    for (const step of wizard.steps) {
      for (const set of step.optionSets) {
        const path = `${step.key}.${set.key}`;
        const type = set.selectionType ?? SelectionType.SINGLE;
        if (VALUE_TYPES.has(type)) {
          if (set.options.length) problems.push(`${path}: ${type} set has options`);
        } else if (!set.options.length) {
          problems.push(`${path}: ${type} set has no options`);
        }
        const min = set.minSelections ?? 0;
        if (set.maxSelections !== undefined && min > set.maxSelections)
          problems.push(`${path}: minSelections > maxSelections`);
        if (type === SelectionType.MULTIPLE && min > set.options.length)
          problems.push(`${path}: minSelections exceeds the options`);
        if (type === SelectionType.SINGLE && set.options.filter((o) => o.isDefault).length > 1)
          problems.push(`${path}: more than one default`);
        for (const problem of validationProblems(type, set.validationRules))
          problems.push(`${path}: ${problem}`);
        for (const option of set.options) {
          if (option.requiresInput && !option.inputPlaceholder)
            problems.push(`${path}.${option.key}: requiresInput without inputPlaceholder`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('makes dependencies depend on options of earlier steps', () => {
    const problems: string[] = [];
    wizard.steps.forEach((step, index) => {
      for (const set of step.optionSets) {
        const deps = [
          ...(set.dependencies ?? []).map((dep) => ({ path: `${step.key}.${set.key}`, dep })),
          ...set.options.flatMap((option) =>
            (option.dependencies ?? []).map((dep) => ({
              path: `${step.key}.${set.key}.${option.key}`,
              dep,
            })),
          ),
        ];
        for (const { path, dep } of deps) {
          if (!options.has(refKey(dep.on))) problems.push(`${path}: no option ${refKey(dep.on)}`);
          else if (stepIndex.get(dep.on.step)! >= index)
            problems.push(`${path}: ${dep.type} on ${refKey(dep.on)} is not on an earlier step`);
        }
      }
    });
    expect(problems).toEqual([]);
  });

  it('points flow rules at existing steps and from-step options', () => {
    const problems: string[] = [];
    (wizard.flowRules ?? []).forEach((rule, r) => {
      const path = `flowRules[${r}] (${rule.name ?? `${rule.from} -> ${rule.to}`})`;
      if (!stepIndex.has(rule.from)) problems.push(`${path}: no from-step ${rule.from}`);
      if (!stepIndex.has(rule.to)) problems.push(`${path}: no to-step ${rule.to}`);
      if (rule.from === rule.to) problems.push(`${path}: leads back to its own step`);
      if (rule.fromOption && !options.has(refKey({ step: rule.from, ...rule.fromOption })))
        problems.push(`${path}: fromOption is not an option of ${rule.from}`);
      const conditional = rule.conditionType === ConditionType.CONDITIONAL;
      if (conditional !== Boolean(rule.condition?.trim()))
        problems.push(`${path}: a condition belongs to CONDITIONAL rules only`);
      const condition = rule.condition ?? '';
      for (const [, step, set] of condition.matchAll(/answers\.([a-z0-9_]+)\.([a-z0-9_]+)/g)) {
        if (!sets.has(`${step}/${set}`)) problems.push(`${path}: no set ${step}.${set}`);
        else if (stepIndex.get(step)! > (stepIndex.get(rule.from) ?? -1))
          problems.push(`${path}: condition reads ${step}, a later step`);
      }
      for (const [, option, step, set] of condition.matchAll(
        /'([a-z0-9_]+)' in answers\.([a-z0-9_]+)\.([a-z0-9_]+)/g,
      )) {
        if (!options.has(`${step}/${set}/${option}`))
          problems.push(`${path}: no option ${option} in ${step}.${set}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('gives rules from the same step and option distinct priorities', () => {
    const keys = (wizard.flowRules ?? []).map(
      (rule) =>
        `${rule.from}/${rule.fromOption ? `${rule.fromOption.set}.${rule.fromOption.option}` : '*'}` +
        `/${rule.priority ?? 0}`,
    );
    expect(duplicates(keys)).toEqual([]);
  });

  it('reaches every step from the first one', () => {
    const reached = reachableFrom(wizard.steps[0].key, flowGraph(wizard));
    expect(wizard.steps.map((step) => step.key).filter((key) => !reached.has(key))).toEqual([]);
  });

  it('can finish from every step (no loop without a way out)', () => {
    const graph = flowGraph(wizard);
    const last = wizard.steps[wizard.steps.length - 1].key;
    const stuck = wizard.steps
      .map((step) => step.key)
      .filter((key) => !reachableFrom(key, graph).has(last));
    expect(stuck).toEqual([]);
  });
});

describe('laptop configurator', () => {
  const allSets = laptopConfigurator.steps.flatMap((step) => step.optionSets);
  const optionDependencyTypes = new Set(
    allSets.flatMap((set) =>
      set.options.flatMap((option) => (option.dependencies ?? []).map((dep) => dep.type)),
    ),
  );
  const setDependencyTypes = new Set(
    allSets.flatMap((set) => (set.dependencies ?? []).map((dep) => dep.type)),
  );
  const rules = laptopConfigurator.flowRules ?? [];

  it.each(Object.values(DependencyType))('has an option %s dependency', (type) => {
    expect(optionDependencyTypes.has(type)).toBe(true);
  });

  it.each(Object.values(SetDependencyType))('has a set %s dependency', (type) => {
    expect(setDependencyTypes.has(type)).toBe(true);
  });

  it.each(Object.values(ConditionType))('has a flow rule of type %s', (type) => {
    expect(rules.some((rule) => (rule.conditionType ?? ConditionType.REQUIRED) === type)).toBe(
      true,
    );
  });

  it('branches on an option to a step other than the next one', () => {
    const keys = laptopConfigurator.steps.map((step) => step.key);
    const branches = rules.filter(
      (rule) => rule.fromOption && keys.indexOf(rule.to) !== keys.indexOf(rule.from) + 1,
    );
    expect(branches.length).toBeGreaterThan(0);
  });

  it('is a featured product with priced options, defaults and input options', () => {
    expect(laptopConfigurator).toMatchObject({ category: 'Products', isFeatured: true });
    const allOptions = allSets.flatMap((set) => set.options);
    expect(allOptions.filter((option) => option.price !== undefined).length).toBeGreaterThan(
      allOptions.length / 2,
    );
    expect(allOptions.some((option) => option.isDefault)).toBe(true);
    expect(allOptions.some((option) => option.isRecommended)).toBe(true);
    expect(allOptions.some((option) => option.requiresInput && option.inputPlaceholder)).toBe(true);
  });

  it('has a bounded MULTIPLE set and a validated TEXT_INPUT set', () => {
    const multiple = allSets.filter((set) => set.selectionType === SelectionType.MULTIPLE);
    expect(
      multiple.some((set) => set.minSelections !== undefined && set.maxSelections !== undefined),
    ).toBe(true);
    const text = allSets.filter((set) => set.selectionType === SelectionType.TEXT_INPUT);
    expect(text.some((set) => set.validationRules && Object.keys(set.validationRules).length)).toBe(
      true,
    );
  });
});
