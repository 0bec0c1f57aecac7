import type { EntityManager } from 'typeorm';
import {
  Wizard,
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardSetDependency,
  WizardStep,
} from '../entities';

/**
 * A whole wizard loaded into memory with its database ids, inactive rows included: what the logic
 * check, the expression checker, export and (later) the runtime engine work on. Lists are in API
 * order (steps by step order, sets by set order, options by option order, the rest by id).
 */
export interface WizardModel {
  wizard: Wizard;
  steps: WizardStep[];
  optionSets: WizardOptionSet[];
  options: WizardOption[];
  flowRules: WizardFlowRule[];
  optionDependencies: WizardOptionDependency[];
  setDependencies: WizardSetDependency[];
}

/** Loads a wizard and everything in it: seven statements whatever its size; null when absent. */
export async function loadWizardModel(
  manager: EntityManager,
  wizardId: number,
): Promise<WizardModel | null> {
  return (await loadWizardModels(manager, [wizardId])).get(wizardId) ?? null;
}

/** Several wizards at once, still seven statements (sessions of many wizards read together). */
export async function loadWizardModels(
  manager: EntityManager,
  wizardIds: readonly number[],
): Promise<Map<number, WizardModel>> {
  const ids = [...new Set(wizardIds)];
  const wizards = await manager
    .createQueryBuilder(Wizard, 'w')
    .where('w.wizard_id = ANY(:ids)', { ids })
    .getMany();
  if (!wizards.length) return new Map();
  const steps = await manager
    .createQueryBuilder(WizardStep, 's')
    .where('s.wizard_id = ANY(:ids)', { ids })
    .orderBy('s.step_order', 'ASC')
    .addOrderBy('s.step_id', 'ASC')
    .getMany();
  const stepIds = steps.map((step) => step.id);
  const optionSets = await manager
    .createQueryBuilder(WizardOptionSet, 's')
    .where('s.step_id = ANY(:stepIds)', { stepIds })
    .orderBy('s.set_order', 'ASC')
    .addOrderBy('s.set_id', 'ASC')
    .getMany();
  const setIds = optionSets.map((set) => set.id);
  const options = await manager
    .createQueryBuilder(WizardOption, 'o')
    .where('o.set_id = ANY(:setIds)', { setIds })
    .orderBy('o.option_order', 'ASC')
    .addOrderBy('o.option_id', 'ASC')
    .getMany();
  const optionIds = options.map((option) => option.id);
  const flowRules = await manager
    .createQueryBuilder(WizardFlowRule, 'r')
    .where('r.wizard_id = ANY(:ids)', { ids })
    .orderBy('r.rule_id', 'ASC')
    .getMany();
  const optionDependencies = await manager
    .createQueryBuilder(WizardOptionDependency, 'd')
    .where('d.option_id = ANY(:optionIds)', { optionIds })
    .orderBy('d.dependency_id', 'ASC')
    .getMany();
  const setDependencies = await manager
    .createQueryBuilder(WizardSetDependency, 'd')
    .where('d.set_id = ANY(:setIds)', { setIds })
    .orderBy('d.dependency_id', 'ASC')
    .getMany();
  const stepWizard = new Map(steps.map((step) => [step.id, step.wizardId]));
  const setWizard = new Map(optionSets.map((set) => [set.id, stepWizard.get(set.stepId)]));
  const optionWizard = new Map(options.map((option) => [option.id, setWizard.get(option.setId)]));
  const models = new Map<number, WizardModel>();
  for (const wizard of wizards) {
    const mine = <T>(rows: T[], wizardOf: (row: T) => number | undefined) =>
      rows.filter((row) => wizardOf(row) === wizard.id);
    models.set(wizard.id, {
      wizard,
      steps: mine(steps, (step) => step.wizardId),
      optionSets: mine(optionSets, (set) => stepWizard.get(set.stepId)),
      options: mine(options, (option) => setWizard.get(option.setId)),
      flowRules: mine(flowRules, (rule) => rule.wizardId),
      optionDependencies: mine(optionDependencies, (d) => optionWizard.get(d.optionId)),
      setDependencies: mine(setDependencies, (d) => setWizard.get(d.setId)),
    });
  }
  return models;
}
