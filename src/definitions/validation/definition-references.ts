import { isRecord } from './field-checks';
import type { Problems } from './problems';

type Level = Record<string, unknown>;

/** A step's position and the option keys of each of its sets. */
interface StepEntry {
  key: string;
  index: number;
  sets: Map<string, Set<string>>;
}

/**
 * The object entries of a list field with their positions. Malformed entries were reported by the
 * structure check already, so they are skipped here.
 */
function entries(parent: unknown, field: string): [Level, number][] {
  const items = isRecord(parent) ? parent[field] : undefined;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown, index) => (isRecord(item) ? [[item, index]] : []));
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Steps by key (a duplicated key, reported already, resolves to its first occurrence). */
function indexSteps(document: unknown): Map<string, StepEntry> {
  const steps = new Map<string, StepEntry>();
  for (const [step, index] of entries(document, 'steps')) {
    if (!isString(step.key) || steps.has(step.key)) continue;
    const sets = new Map<string, Set<string>>();
    for (const [set] of entries(step, 'optionSets')) {
      if (!isString(set.key) || sets.has(set.key)) continue;
      const keys = entries(set, 'options').map(([option]) => option.key);
      sets.set(set.key, new Set(keys.filter(isString)));
    }
    steps.set(step.key, { key: step.key, index, sets });
  }
  return steps;
}

function checkOptionOf(step: StepEntry, reference: Level, path: string, problems: Problems) {
  const { set, option } = reference;
  if (!isString(set) || !isString(option)) return;
  const options = step.sets.get(set);
  if (!options) problems.add(`${path}.set`, `step "${step.key}" has no option set "${set}"`);
  else if (!options.has(option)) {
    problems.add(`${path}.option`, `set "${set}" of step "${step.key}" has no option "${option}"`);
  }
}

/** A dependency's source option must exist on a step before the dependent's own (index `at`). */
function checkSource(
  on: unknown,
  path: string,
  at: number,
  steps: Map<string, StepEntry>,
  problems: Problems,
) {
  if (!isRecord(on) || !isString(on.step)) return;
  const source = steps.get(on.step);
  if (!source) problems.add(`${path}.step`, `the wizard has no step "${on.step}"`);
  else if (source.index >= at) {
    problems.add(
      `${path}.step`,
      `must be a step before this one (dependencies read earlier answers)`,
    );
  } else checkOptionOf(source, on, path, problems);
}

function checkDependencies(document: unknown, steps: Map<string, StepEntry>, problems: Problems) {
  for (const [step, s] of entries(document, 'steps')) {
    for (const [set, t] of entries(step, 'optionSets')) {
      const setPath = `steps[${s}].optionSets[${t}]`;
      for (const [dependency, d] of entries(set, 'dependencies')) {
        checkSource(dependency.on, `${setPath}.dependencies[${d}].on`, s, steps, problems);
      }
      for (const [option, o] of entries(set, 'options')) {
        for (const [dependency, d] of entries(option, 'dependencies')) {
          const path = `${setPath}.options[${o}].dependencies[${d}].on`;
          checkSource(dependency.on, path, s, steps, problems);
        }
      }
    }
  }
}

function checkFlowRules(document: unknown, steps: Map<string, StepEntry>, problems: Problems) {
  const stepOf = (key: unknown, path: string) => {
    if (!isString(key)) return undefined;
    const step = steps.get(key);
    if (!step) problems.add(path, `the wizard has no step "${key}"`);
    return step;
  };
  for (const [rule, r] of entries(document, 'flowRules')) {
    const path = `flowRules[${r}]`;
    const from = stepOf(rule.from, `${path}.from`);
    stepOf(rule.to, `${path}.to`);
    if (from && isRecord(rule.fromOption)) {
      checkOptionOf(from, rule.fromOption, `${path}.fromOption`, problems);
    }
  }
}

/**
 * Every reference resolves: dependency sources are options of earlier steps, flow rules name
 * existing steps, and a rule's fromOption is an option of its from-step.
 */
export function checkReferences(document: unknown, problems: Problems): void {
  const steps = indexSteps(document);
  checkDependencies(document, steps, problems);
  checkFlowRules(document, steps, problems);
}
