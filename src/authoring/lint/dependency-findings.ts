import type { WizardStep } from '../../entities';
import { DependencyType } from '../../entities/enums';
import {
  finding,
  optionRef,
  setRef,
  stepRef,
  type LintFinding,
  type LintRef,
} from './lint-finding';
import { isLiveOption, isLiveSet, label, stepOfOption, type WizardIndex } from './wizard-index';

/** An option or set dependency seen alike: its target, source and type. */
interface Dependency {
  ref: LintRef;
  /** The option or set it changes, for messages and refs. */
  target: { ref: LintRef; name: string; step: WizardStep };
  dependsOnStepId: number;
  dependsOnOptionId: number;
  type: string;
}

/** Dependencies whose target is live (an inactive target is no live structure). */
function liveDependencies(index: WizardIndex): Dependency[] {
  const { model } = index;
  const optionDeps = model.optionDependencies.flatMap((dep) => {
    const option = index.optionById.get(dep.optionId);
    const step = option && stepOfOption(index, option.id);
    if (!option || !step || !isLiveOption(index, option)) return [];
    const target = {
      ref: optionRef(option.id),
      name: `option ${label.option(index, option)}`,
      step,
    };
    return [{ ...dep, ref: { entity: 'OPTION_DEPENDENCY' as const, id: dep.id }, target }];
  });
  const setDeps = model.setDependencies.flatMap((dep) => {
    const set = index.setById.get(dep.setId);
    const step = set && index.stepById.get(set.stepId);
    if (!set || !step || !isLiveSet(index, set)) return [];
    const target = { ref: setRef(set.id), name: `set ${label.set(index, set)}`, step };
    return [{ ...dep, ref: { entity: 'SET_DEPENDENCY' as const, id: dep.id }, target }];
  });
  return [...optionDeps, ...setDeps];
}

/** Source in this wizard, on its step, earlier than the target, and live. */
function sourceFindings(index: WizardIndex, dep: Dependency): LintFinding[] {
  const refs = [dep.ref, dep.target.ref];
  const what = `The ${dep.type} dependency of the ${dep.target.name}`;
  const step = index.stepById.get(dep.dependsOnStepId);
  const option = index.optionById.get(dep.dependsOnOptionId);
  if (!step || !option) {
    const message = `${what} depends on a step or option that is not in this wizard.`;
    return [finding('DEPENDENCY_SOURCE_NOT_IN_WIZARD', message, refs)];
  }
  const source = `option ${label.option(index, option)}`;
  refs.push(stepRef(step.id), optionRef(option.id));
  if (stepOfOption(index, option.id)?.id !== step.id) {
    const message = `${what} names step ${label.step(step)}, but its ${source} is on another step.`;
    return [finding('DEPENDENCY_OPTION_NOT_ON_STEP', message, refs)];
  }
  const findings: LintFinding[] = [];
  if (step.order >= dep.target.step.order) {
    const message = `${what} depends on ${source}, which is not on an earlier step.`;
    findings.push(finding('DEPENDENCY_SOURCE_NOT_EARLIER', message, refs));
  }
  if (!isLiveOption(index, option)) {
    const message = `${what} depends on the inactive ${source}, which is never selected.`;
    findings.push(finding('DEPENDENCY_SOURCE_INACTIVE', message, refs));
  }
  return findings;
}

/** Targets that are both SHOW_IF and HIDE_IF on one source option. */
function showAndHideFindings(index: WizardIndex, deps: Dependency[]): LintFinding[] {
  const groups = new Map<string, Dependency[]>();
  for (const dep of deps) {
    const key = `${dep.target.ref.entity}/${dep.target.ref.id}/${dep.dependsOnOptionId}`;
    groups.set(key, [...(groups.get(key) ?? []), dep]);
  }
  return [...groups.values()].flatMap((group) => {
    const types = new Set(group.map((dep) => dep.type));
    if (!types.has(DependencyType.SHOW_IF) || !types.has(DependencyType.HIDE_IF)) return [];
    const option = index.optionById.get(group[0].dependsOnOptionId);
    const source = option ? label.option(index, option) : `#${group[0].dependsOnOptionId}`;
    const message = `The ${group[0].target.name} is both SHOW_IF and HIDE_IF on option ${source}.`;
    return [
      finding('DEPENDENCY_SHOW_AND_HIDE', message, [
        group[0].target.ref,
        ...group.map((d) => d.ref),
      ]),
    ];
  });
}

/** Every finding about option and set dependencies. */
export function dependencyFindings(index: WizardIndex): LintFinding[] {
  const deps = liveDependencies(index);
  return [
    ...deps.flatMap((dep) => sourceFindings(index, dep)),
    ...showAndHideFindings(index, deps),
  ];
}
