import type { WizardOption, WizardOptionSet } from '../../entities';
import { DependencyType, SelectionType } from '../../entities/enums';
import { finding, optionRef, setRef, type LintFinding } from './lint-finding';
import { isLiveSet, label, type WizardIndex } from './wizard-index';

const CHOICE_TYPES = new Set([SelectionType.SINGLE, SelectionType.MULTIPLE]);
const CAN_HIDE_OR_DISABLE = new Set<string>([
  DependencyType.SHOW_IF,
  DependencyType.HIDE_IF,
  DependencyType.DISABLE_IF,
]);

/** Required: is_required, or a MULTIPLE set that needs at least one selection. */
const isRequiredSet = (set: WizardOptionSet): boolean =>
  set.isRequired || (set.selectionType === SelectionType.MULTIPLE && set.minSelections > 0);

/** Options that can be selected unless an answer hides or disables them. */
function selectableOptions(index: WizardIndex, set: WizardOptionSet): WizardOption[] {
  return (index.optionsBySet.get(set.id) ?? []).filter(
    (option) => option.isActive && !option.isDisabled,
  );
}

function availabilityFindings(index: WizardIndex, set: WizardOptionSet): LintFinding[] {
  const name = label.set(index, set);
  const selectable = selectableOptions(index, set);
  if (!isRequiredSet(set)) {
    if ((index.optionsBySet.get(set.id) ?? []).some((option) => option.isActive)) return [];
    return [
      finding('CHOICE_SET_WITHOUT_OPTIONS', `The set ${name} has no active option.`, [
        setRef(set.id),
      ]),
    ];
  }
  if (!selectable.length) {
    const message = `The required set ${name} has no active, enabled option, so it cannot be answered.`;
    return [finding('REQUIRED_SET_NOT_ANSWERABLE', message, [setRef(set.id)])];
  }
  const conditional = new Set(
    index.model.optionDependencies
      .filter((dep) => CAN_HIDE_OR_DISABLE.has(dep.type))
      .map((dep) => dep.optionId),
  );
  if (!selectable.every((option) => conditional.has(option.id))) return [];
  const message = `Every option of the required set ${name} can be hidden or disabled by earlier answers.`;
  const refs = [setRef(set.id), ...selectable.map((option) => optionRef(option.id))];
  return [finding('REQUIRED_SET_MAY_BE_EMPTIED', message, refs)];
}

function boundsFindings(index: WizardIndex, set: WizardOptionSet): LintFinding[] {
  const name = label.set(index, set);
  const { minSelections: min, maxSelections: max } = set;
  if (max !== null && max < min) {
    const message = `The set ${name} allows at most ${max} but needs at least ${min} selections.`;
    return [finding('SELECTION_BOUNDS_INVALID', message, [setRef(set.id)])];
  }
  const available = selectableOptions(index, set).length;
  if (set.selectionType !== SelectionType.MULTIPLE || !available || min <= available) return [];
  const message = `The set ${name} needs ${min} selections but has ${available} active, enabled options.`;
  return [finding('MIN_SELECTIONS_EXCEED_OPTIONS', message, [setRef(set.id)])];
}

function defaultFindings(index: WizardIndex, set: WizardOptionSet): LintFinding[] {
  if (set.selectionType !== SelectionType.SINGLE) return [];
  const defaults = (index.optionsBySet.get(set.id) ?? []).filter(
    (option) => option.isActive && option.isDefault,
  );
  if (defaults.length < 2) return [];
  const message = `The SINGLE set ${label.set(index, set)} has ${defaults.length} default options.`;
  const refs = [setRef(set.id), ...defaults.map((option) => optionRef(option.id))];
  return [finding('SINGLE_SET_SEVERAL_DEFAULTS', message, refs)];
}

/** Findings about live SINGLE and MULTIPLE sets: can they be answered at all, and sensibly? */
export function setFindings(index: WizardIndex): LintFinding[] {
  return index.model.optionSets
    .filter((set) => CHOICE_TYPES.has(set.selectionType) && isLiveSet(index, set))
    .flatMap((set) => [
      ...availabilityFindings(index, set),
      ...boundsFindings(index, set),
      ...defaultFindings(index, set),
    ]);
}
