import type { DataSource } from 'typeorm';

export interface StoredCounts {
  wizard_key: string;
  total_starts: number;
  total_completions: number;
}

/**
 * Every wizard's counters as the API reports them: its row plus the deltas the timer has not
 * folded in yet (WizardCounterFolder), by wizard id.
 */
export function wizardCounts(dataSource: DataSource): Promise<StoredCounts[]> {
  return dataSource.query<StoredCounts[]>(
    `SELECT w.wizard_key,
            COALESCE(w.total_starts, 0) + COALESCE(sum(d.starts), 0)::int AS total_starts,
            COALESCE(w.total_completions, 0) + COALESCE(sum(d.completions), 0)::int
              AS total_completions
       FROM wizards w LEFT JOIN wizard_counter_deltas d ON d.wizard_id = w.wizard_id
      GROUP BY w.wizard_id ORDER BY w.wizard_id`,
  );
}
