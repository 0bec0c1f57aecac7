import type DataLoader from 'dataloader';
import type { QueryResultRow } from 'pg';
import type { DataSource, EntityTarget } from 'typeorm';
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
import { preparedJsonRead, preparedRead } from './read-query';
import { entitySelectList, timestampProperties } from './row-select';

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

type Fetch<T> = (ids: number[], includeInactive?: boolean) => Promise<T[]>;

/**
 * One `WHERE <column> = ANY($1)` statement per batch, ordered as the API lists children (then by
 * id, so ties are stable). Active rows are `is_active IS TRUE`, as in the seed's views (a NULL
 * flag is off). The SQL is built once per DataSource and prepared; rows come back shaped like the
 * entity.
 */
function rowsWhere<T extends QueryResultRow>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  column: string,
  orderProperties: string[],
): Fetch<T> {
  const table = dataSource.getMetadata(entity).tableName;
  const select = `SELECT ${entitySelectList(dataSource, entity, 't')} FROM ${table} t`;
  const where = ` WHERE t.${column} = ANY($1::int[])`;
  const orderBy = orderProperties.map((p) => `x."${p}"`).join(', ') || 'x."id"';
  const timestamps = timestampProperties(dataSource, entity);
  const read = (suffix: string, sql: string) =>
    preparedJsonRead<T>(dataSource, `${table}_by_${column}${suffix}`, sql, orderBy, timestamps);
  const all = read('', `${select}${where}`);
  const active = read('_active', `${select}${where} AND t.is_active IS TRUE`);
  return (ids, includeInactive = true) => (includeInactive ? all : active)([ids]);
}

const OVERVIEW_SQL =
  'SELECT wizard_id AS "wizardId", total_steps::int AS "totalSteps", ' +
  'total_templates::int AS "totalTemplates" FROM v_wizard_overview WHERE wizard_id = ANY($1::int[])';

function wizardQueries(dataSource: DataSource) {
  const overview = preparedRead<WizardOverview>(
    dataSource,
    'v_wizard_overview_by_id',
    OVERVIEW_SQL,
  );
  return {
    wizards: rowsWhere(dataSource, Wizard, 'wizard_id', []),
    overviews: (ids: number[]) => overview([ids]),
    steps: rowsWhere(dataSource, WizardStep, 'wizard_id', ['order', 'id']),
    flowRules: rowsWhere(dataSource, WizardFlowRule, 'wizard_id', ['id']),
    optionSets: rowsWhere(dataSource, WizardOptionSet, 'step_id', ['order', 'id']),
    options: rowsWhere(dataSource, WizardOption, 'set_id', ['order', 'id']),
    optionDependencies: rowsWhere(dataSource, WizardOptionDependency, 'option_id', ['id']),
    setDependencies: rowsWhere(dataSource, WizardSetDependency, 'set_id', ['id']),
  };
}

const queriesByDataSource = new WeakMap<DataSource, ReturnType<typeof wizardQueries>>();

export function createWizardLoaders(dataSource: DataSource, options: LoaderOptions): WizardLoaders {
  let q = queriesByDataSource.get(dataSource);
  if (!q) queriesByDataSource.set(dataSource, (q = wizardQueries(dataSource)));
  return {
    wizardById: rowLoader(
      (ids) => q.wizards(ids),
      (w) => w.id,
      options,
    ),
    overviewByWizard: rowLoader(q.overviews, (o) => o.wizardId, options),
    stepsByWizard: activeOrAll(q.steps, (step) => step.wizardId, options),
    flowRulesByWizard: activeOrAll(q.flowRules, (rule) => rule.wizardId, options),
    optionSetsByStep: activeOrAll(q.optionSets, (set) => set.stepId, options),
    optionsBySet: activeOrAll(q.options, (option) => option.setId, options),
    optionDependenciesByOption: childrenLoader(
      (ids) => q.optionDependencies(ids),
      (d) => d.optionId,
      options,
    ),
    setDependenciesBySet: childrenLoader(
      (ids) => q.setDependencies(ids),
      (d) => d.setId,
      options,
    ),
  };
}
