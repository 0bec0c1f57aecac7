import type DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  Wizard,
  WizardFlowRule,
  WizardOption,
  WizardOptionDependency,
  WizardOptionSet,
  WizardOverview,
  WizardSetDependency,
  WizardStep,
} from '../entities';
import {
  activeOrAll,
  childrenLoader,
  rowLoader,
  type ActiveOrAll,
  type LoaderOptions,
} from './batch';

export interface WizardLoaders {
  wizardById: DataLoader<number, Wizard | null>;
  overviewByWizard: DataLoader<number, WizardOverview | null>;
  stepsByWizard: ActiveOrAll<WizardStep>;
  flowRulesByWizard: ActiveOrAll<WizardFlowRule>;
  optionSetsByStep: ActiveOrAll<WizardOptionSet>;
  optionsBySet: ActiveOrAll<WizardOption>;
  optionDependenciesByOption: DataLoader<number, WizardOptionDependency[]>;
  setDependenciesBySet: DataLoader<number, WizardSetDependency[]>;
}

/**
 * One `WHERE <parent> = ANY($1)` statement per batch, ordered as the API lists children (then by
 * id, so ties are stable). Inactive rows are `is_active IS FALSE`: NULL means the default, active.
 */
function children<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  parentColumn: string,
  orderColumns: string[],
) {
  return (parentIds: number[], includeInactive = true): Promise<T[]> => {
    const query = dataSource
      .getRepository(entity)
      .createQueryBuilder('t')
      .where(`t.${parentColumn} = ANY(:parentIds)`, { parentIds });
    if (!includeInactive) query.andWhere('t.is_active IS NOT FALSE');
    for (const column of orderColumns) query.addOrderBy(`t.${column}`, 'ASC');
    return query.getMany();
  };
}

export function createWizardLoaders(dataSource: DataSource, options: LoaderOptions): WizardLoaders {
  const byIds =
    <T extends ObjectLiteral>(entity: EntityTarget<T>, column: string) =>
    (ids: number[]) =>
      dataSource
        .getRepository(entity)
        .createQueryBuilder('t')
        .where(`t.${column} = ANY(:ids)`, { ids })
        .getMany();
  return {
    wizardById: rowLoader(byIds(Wizard, 'wizard_id'), (w) => w.id, options),
    overviewByWizard: rowLoader(byIds(WizardOverview, 'wizard_id'), (o) => o.wizardId, options),
    stepsByWizard: activeOrAll(
      children(dataSource, WizardStep, 'wizard_id', ['step_order', 'step_id']),
      (step) => step.wizardId,
      options,
    ),
    flowRulesByWizard: activeOrAll(
      children(dataSource, WizardFlowRule, 'wizard_id', ['rule_id']),
      (rule) => rule.wizardId,
      options,
    ),
    optionSetsByStep: activeOrAll(
      children(dataSource, WizardOptionSet, 'step_id', ['set_order', 'set_id']),
      (set) => set.stepId,
      options,
    ),
    optionsBySet: activeOrAll(
      children(dataSource, WizardOption, 'set_id', ['option_order', 'option_id']),
      (option) => option.setId,
      options,
    ),
    optionDependenciesByOption: childrenLoader(
      (ids) => children(dataSource, WizardOptionDependency, 'option_id', ['dependency_id'])(ids),
      (dep) => dep.optionId,
      options,
    ),
    setDependenciesBySet: childrenLoader(
      (ids) => children(dataSource, WizardSetDependency, 'set_id', ['dependency_id'])(ids),
      (dep) => dep.setId,
      options,
    ),
  };
}
