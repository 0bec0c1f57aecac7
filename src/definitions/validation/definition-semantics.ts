import { ConditionType, SelectionType } from '../../entities/enums';
import { checkCondition } from '../../rules/condition-language';
import { checkValidationRules } from '../../services/authoring/validation-rules';
import { wizardModelFromDefinition } from '../definition-model';
import type { WizardDefinition } from '../wizard-definition';
import type { Problems } from './problems';

const CHOICE_TYPES = new Set<string>([SelectionType.SINGLE, SelectionType.MULTIPLE]);

/**
 * What the authoring mutations check beyond a field's own shape, checked on a whole document
 * (whose structure and references are valid): validationRules that fit each set's selection
 * type, options only on choice sets, and flow-rule conditions that type-check against the
 * wizard the document describes.
 */
export function checkSemantics(definition: WizardDefinition, problems: Problems): void {
  definition.steps.forEach((step, s) => {
    step.optionSets.forEach((set, i) => {
      const path = `steps[${s}].optionSets[${i}]`;
      const type = set.selectionType ?? SelectionType.SINGLE;
      for (const problem of checkValidationRules(type, set.validationRules ?? null)) {
        problems.add(`${path}.${problem.field}`, problem.message);
      }
      if (!CHOICE_TYPES.has(type) && set.options.length > 0) {
        problems.add(`${path}.options`, `a ${type} set takes a value, not options`);
      }
    });
  });
  checkConditions(definition, problems);
}

function checkConditions(definition: WizardDefinition, problems: Problems): void {
  const rules = definition.flowRules ?? [];
  if (rules.length === 0) return;
  const model = wizardModelFromDefinition(definition);
  rules.forEach((rule, r) => {
    const path = `flowRules[${r}].condition`;
    const conditional =
      (rule.conditionType ?? ConditionType.REQUIRED) === ConditionType.CONDITIONAL;
    const condition = rule.condition?.trim() ? rule.condition : undefined;
    if (conditional && !condition) problems.add(path, 'a CONDITIONAL rule needs a condition');
    if (!conditional && condition) problems.add(path, 'only CONDITIONAL rules take a condition');
    if (conditional && condition) {
      for (const problem of checkCondition(condition, model)) problems.add(path, problem.message);
    }
  });
}
