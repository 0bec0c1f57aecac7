import { DependencyType, SetDependencyType } from '../../entities/enums';
import {
  dependencySpec,
  FLOW_RULE_SPEC,
  FROM_OPTION_SPEC,
  OPTION_REFERENCE_SPEC,
  OPTION_SET_SPEC,
  OPTION_SPEC,
  STEP_SPEC,
  WIZARD_SPEC,
  type LevelSpec,
} from './definition-schema';
import { isRecord } from './field-checks';
import { fieldPath, itemPath, type Problems } from './problems';

type Level = Record<string, unknown>;

/**
 * Checks one object against its level's fields: unknown fields, missing required ones, and each
 * present value. Null is refused like any other wrong type (omit a field to leave it unset).
 */
function checkLevel(
  value: unknown,
  path: string,
  spec: LevelSpec,
  problems: Problems,
): value is Level {
  if (!isRecord(value)) {
    problems.add(path || 'definition', 'must be an object');
    return false;
  }
  for (const field of Object.keys(value)) {
    if (!(field in spec)) problems.add(fieldPath(path, field), 'is not a known field');
  }
  for (const [field, { check, required }] of Object.entries(spec)) {
    const fieldValue = value[field];
    if (fieldValue === undefined) {
      if (required) problems.add(fieldPath(path, field), 'is required');
      continue;
    }
    const message = check(fieldValue);
    if (message) problems.add(fieldPath(path, field), message);
  }
  return true;
}

/** Runs `check` on each entry of the list at `parent.field`, when it is a list. */
function eachItem(
  parent: Level,
  path: string,
  field: string,
  check: (item: unknown, itemPath: string) => void,
) {
  const items = parent[field];
  if (Array.isArray(items))
    items.forEach((item, index) => check(item, itemPath(path, field, index)));
}

/** Keys must be unique among siblings: steps in a wizard, sets in a step, options in a set. */
function checkUniqueKeys(parent: Level, path: string, field: string, problems: Problems) {
  const items = parent[field];
  if (!Array.isArray(items)) return;
  const first = new Map<string, number>();
  items.forEach((item: unknown, index) => {
    if (!isRecord(item) || typeof item.key !== 'string') return;
    const earlier = first.get(item.key);
    if (earlier === undefined) first.set(item.key, index);
    else {
      const at = itemPath(path, field, index);
      problems.add(`${at}.key`, `duplicates ${itemPath(path, field, earlier)}.key`);
    }
  });
}

function checkDependency(types: typeof DependencyType | typeof SetDependencyType) {
  const spec = dependencySpec(types);
  return (problems: Problems) => (value: unknown, path: string) => {
    if (checkLevel(value, path, spec, problems) && isRecord(value.on)) {
      checkLevel(value.on, `${path}.on`, OPTION_REFERENCE_SPEC, problems);
    }
  };
}
const checkOptionDependency = checkDependency(DependencyType);
const checkSetDependency = checkDependency(SetDependencyType);

function checkOption(problems: Problems) {
  return (value: unknown, path: string) => {
    if (!checkLevel(value, path, OPTION_SPEC, problems)) return;
    eachItem(value, path, 'dependencies', checkOptionDependency(problems));
  };
}

function checkSelections(set: Level, path: string, problems: Problems) {
  const { minSelections: min, maxSelections: max } = set;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    problems.add(fieldPath(path, 'minSelections'), `must not exceed maxSelections (${max})`);
  }
}

function checkOptionSet(problems: Problems) {
  return (value: unknown, path: string) => {
    if (!checkLevel(value, path, OPTION_SET_SPEC, problems)) return;
    checkSelections(value, path, problems);
    eachItem(value, path, 'dependencies', checkSetDependency(problems));
    eachItem(value, path, 'options', checkOption(problems));
    checkUniqueKeys(value, path, 'options', problems);
  };
}

function checkStep(problems: Problems) {
  return (value: unknown, path: string) => {
    if (!checkLevel(value, path, STEP_SPEC, problems)) return;
    eachItem(value, path, 'optionSets', checkOptionSet(problems));
    checkUniqueKeys(value, path, 'optionSets', problems);
  };
}

function checkFlowRule(problems: Problems) {
  return (value: unknown, path: string) => {
    if (checkLevel(value, path, FLOW_RULE_SPEC, problems) && isRecord(value.fromOption)) {
      checkLevel(value.fromOption, `${path}.fromOption`, FROM_OPTION_SPEC, problems);
    }
  };
}

/** Every field of every level: types, sizes, patterns, enums, bounds and unique keys. */
export function checkStructure(document: unknown, problems: Problems): void {
  if (!checkLevel(document, '', WIZARD_SPEC, problems)) return;
  eachItem(document, '', 'steps', checkStep(problems));
  checkUniqueKeys(document, '', 'steps', problems);
  eachItem(document, '', 'flowRules', checkFlowRule(problems));
  const { maxSteps, steps } = document;
  if (typeof maxSteps === 'number' && Array.isArray(steps) && steps.length > maxSteps) {
    problems.add('maxSteps', `must be at least the number of steps (${steps.length})`);
  }
}
