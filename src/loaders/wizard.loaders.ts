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
import { childListRead, type ChildQuery } from './child-list-read';
import { intArray, preparedRead } from './read-query';
import type { RequestDatabase } from '../database/request-database';

/** A wizard's counters as of the statement that read them (see COUNTS_SQL). */
export interface WizardCounts {
  wizardId: number;
  starts: number;
  completions: number;
  avgCompletionMinutes: number | null;
}

export interface WizardLoaders {
  wizardById: DataLoader<number, Wizard | null>;
  overviewByWizard: DataLoader<number, WizardOverview | null>;
  countsByWizard: DataLoader<number, WizardCounts | null>;
  stepsByWizard: ActiveOrAll<WizardStep>;
  flowRulesByWizard: ActiveOrAll<WizardFlowRule>;
  optionSetsByStep: ActiveOrAll<WizardOptionSet>;
  optionsBySet: ActiveOrAll<WizardOption>;
  optionDependenciesByOption: DataLoader<number, WizardOptionDependency[]>;
  setDependenciesBySet: DataLoader<number, WizardSetDependency[]>;
}

type Fetch<T> = (db: RequestDatabase, ids: number[], includeInactive?: boolean) => Promise<T[]>;

/** Whole rows of one child table by parent id, as named prepared statements (active and all). */
function rowsWhere<T extends QueryResultRow>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  parentColumn: string,
  orderProperties: string[],
): Fetch<T> {
  const query: ChildQuery = { entity, parentColumn, orderProperties };
  const name = `${dataSource.getMetadata(entity).tableName}_by_${parentColumn}`;
  const all = childListRead<T>(dataSource, query, { activeOnly: false, name });
  const active = childListRead<T>(dataSource, query, { activeOnly: true, name: `${name}_active` });
  return (db, ids, includeInactive = true) => (includeInactive ? all : active)(db, ids);
}

const OVERVIEW_SQL =
  'SELECT wizard_id AS "wizardId", total_steps::int AS "totalSteps", ' +
  'total_templates::int AS "totalTemplates" FROM v_wizard_overview WHERE wizard_id = ANY($1::int[])';

/**
 * A wizard's counters: its row plus the deltas committed since the last fold, in one statement
 * (one snapshot: a fold committing meanwhile neither drops nor doubles a delta). The mean is the
 * fold's (wizard_counters_fold).
 */
const COUNTS_SQL = `SELECT w.wizard_id AS "wizardId",
    COALESCE(w.total_starts, 0) + COALESCE(d.starts, 0) AS starts,
    COALESCE(w.total_completions, 0) + COALESCE(d.completions, 0) AS completions,
    CASE WHEN COALESCE(d.completions, 0) = 0 THEN w.avg_completion_time_minutes
      ELSE ROUND((COALESCE(w.completion_minutes_total, 0) + d.minutes)::numeric
                 / (COALESCE(w.total_completions, 0) + d.completions))::int
    END AS "avgCompletionMinutes"
  FROM wizards w
  LEFT JOIN (SELECT wizard_id, sum(starts)::int AS starts, sum(completions)::int AS completions,
                    sum(completion_minutes) AS minutes
               FROM wizard_counter_deltas WHERE wizard_id = ANY($1::int[])
              GROUP BY wizard_id) d ON d.wizard_id = w.wizard_id
  WHERE w.wizard_id = ANY($1::int[])`;

function wizardQueries(dataSource: DataSource) {
  const overview = preparedRead<WizardOverview>('v_wizard_overview_by_id', OVERVIEW_SQL);
  const counts = preparedRead<WizardCounts>('wizard_counts_by_id', COUNTS_SQL);
  return {
    wizards: rowsWhere(dataSource, Wizard, 'wizard_id', ['id']),
    overviews: (db: RequestDatabase, ids: number[]) => overview(db, [intArray(ids)]),
    counts: (db: RequestDatabase, ids: number[]) => counts(db, [intArray(ids)]),
    steps: rowsWhere(dataSource, WizardStep, 'wizard_id', ['order', 'id']),
    flowRules: rowsWhere(dataSource, WizardFlowRule, 'wizard_id', ['id']),
    optionSets: rowsWhere(dataSource, WizardOptionSet, 'step_id', ['order', 'id']),
    options: rowsWhere(dataSource, WizardOption, 'set_id', ['order', 'id']),
    optionDependencies: rowsWhere(dataSource, WizardOptionDependency, 'option_id', ['id']),
    setDependencies: rowsWhere(dataSource, WizardSetDependency, 'set_id', ['id']),
  };
}

const queriesByDataSource = new WeakMap<DataSource, ReturnType<typeof wizardQueries>>();

export function createWizardLoaders(
  dataSource: DataSource,
  db: RequestDatabase,
  options: LoaderOptions,
): WizardLoaders {
  let q = queriesByDataSource.get(dataSource);
  if (!q) queriesByDataSource.set(dataSource, (q = wizardQueries(dataSource)));
  const { wizards, overviews, optionDependencies, setDependencies } = q;
  /** Binds a statement to this request's database (and the active/all choice). */
  const bound =
    <T>(fetch: Fetch<T>) =>
    (ids: number[], includeInactive?: boolean) =>
      fetch(db, ids, includeInactive);
  return {
    wizardById: rowLoader(
      (ids) => wizards(db, ids),
      (w) => w.id,
      options,
    ),
    overviewByWizard: rowLoader(
      (ids) => overviews(db, ids),
      (o) => o.wizardId,
      options,
    ),
    countsByWizard: rowLoader(
      (ids) => q.counts(db, ids),
      (c) => c.wizardId,
      options,
    ),
    stepsByWizard: activeOrAll(bound(q.steps), (step) => step.wizardId, options),
    flowRulesByWizard: activeOrAll(bound(q.flowRules), (rule) => rule.wizardId, options),
    optionSetsByStep: activeOrAll(bound(q.optionSets), (set) => set.stepId, options),
    optionsBySet: activeOrAll(bound(q.options), (option) => option.setId, options),
    optionDependenciesByOption: childrenLoader(
      (ids) => optionDependencies(db, ids),
      (d) => d.optionId,
      options,
    ),
    setDependenciesBySet: childrenLoader(
      (ids) => setDependencies(db, ids),
      (d) => d.setId,
      options,
    ),
  };
}
