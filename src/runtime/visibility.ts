import type { WizardOption, WizardOptionSet } from '../entities';
import { DependencyType, SelectionType, SetDependencyType } from '../entities/enums';
import type { RuntimeIndex } from './runtime-index';

export interface SetState {
  set: WizardOptionSet;
  visible: boolean;
  required: boolean;
}

export interface OptionState {
  option: WizardOption;
  visible: boolean;
  disabled: boolean;
  /** REQUIRE_IF holds: the option must be chosen. */
  required: boolean;
  /** Visible and not disabled. */
  selectable: boolean;
}

/** Visibility of one step's active sets and options given the options selected before it. */
export interface StepVisibility {
  sets: Map<number, SetState>;
  options: Map<number, OptionState>;
}

type Dep = { type: string; dependsOnOptionId: number };

/** SHOW_IF: visible while any source is selected; HIDE_IF: hidden while any is selected. */
function shown(deps: readonly Dep[], selected: ReadonlySet<number>): boolean {
  const shows = deps.filter((dep) => dep.type === 'SHOW_IF');
  if (shows.length && !shows.some((dep) => selected.has(dep.dependsOnOptionId))) return false;
  return !deps.some((dep) => dep.type === 'HIDE_IF' && selected.has(dep.dependsOnOptionId));
}

const fires = (deps: readonly Dep[], type: string, selected: ReadonlySet<number>): boolean =>
  deps.some((dep) => dep.type === type && selected.has(dep.dependsOnOptionId));

/**
 * A MULTIPLE set with min_selections > 0 counts as required, as the logic check reads it; hidden
 * sets are never required.
 */
function setState(index: RuntimeIndex, set: WizardOptionSet, selected: ReadonlySet<number>) {
  const deps = index.setDeps.get(set.id) ?? [];
  const visible = shown(deps, selected);
  const required =
    visible &&
    (set.isRequired ||
      (set.selectionType === SelectionType.MULTIPLE && set.minSelections > 0) ||
      fires(deps, SetDependencyType.REQUIRE_IF, selected));
  return { set, visible, required };
}

function optionState(
  index: RuntimeIndex,
  option: WizardOption,
  setVisible: boolean,
  selected: ReadonlySet<number>,
): OptionState {
  const deps = index.optionDeps.get(option.id) ?? [];
  const visible = setVisible && shown(deps, selected);
  const disabled = option.isDisabled || fires(deps, DependencyType.DISABLE_IF, selected);
  // A disabled option cannot be chosen, so requiring it would leave the step unanswerable.
  const selectable = visible && !disabled;
  const required = selectable && fires(deps, DependencyType.REQUIRE_IF, selected);
  return { option, visible, disabled, required, selectable };
}

/** `selected`: the option ids chosen in the answers that count (steps before this one). */
export function stepVisibility(
  index: RuntimeIndex,
  stepId: number,
  selected: ReadonlySet<number>,
): StepVisibility {
  const sets = new Map<number, SetState>();
  const options = new Map<number, OptionState>();
  for (const set of index.setsByStep.get(stepId) ?? []) {
    const state = setState(index, set, selected);
    sets.set(set.id, state);
    for (const option of index.optionsBySet.get(set.id) ?? [])
      options.set(option.id, optionState(index, option, state.visible, selected));
  }
  return { sets, options };
}
