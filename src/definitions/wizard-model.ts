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
  const wizard = await manager.findOneBy(Wizard, { id: wizardId });
  if (!wizard) return null;
  const steps = await manager.find(WizardStep, {
    where: { wizardId },
    order: { order: 'ASC', id: 'ASC' },
  });
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
  const flowRules = await manager.find(WizardFlowRule, {
    where: { wizardId },
    order: { id: 'ASC' },
  });
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
  return { wizard, steps, optionSets, options, flowRules, optionDependencies, setDependencies };
}
