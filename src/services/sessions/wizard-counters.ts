import type { DataSource, EntityManager } from 'typeorm';
import { asSystem } from '../../database/system-context';

/** A session's share of its wizard's counters, written with the session's own change. */
export async function countStart(
  manager: EntityManager,
  session: { id: number; wizardId: number },
): Promise<void> {
  await manager.query(
    'INSERT INTO wizard_counter_deltas (wizard_id, session_id, starts) VALUES ($1, $2, 1)',
    [session.wizardId, session.id],
  );
}

export async function countCompletion(
  manager: EntityManager,
  session: { id: number; wizardId: number },
  minutes: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO wizard_counter_deltas (wizard_id, session_id, completions, completion_minutes)
     VALUES ($1, $2, 1, $3)`,
    [session.wizardId, session.id, minutes],
  );
}

/**
 * Moves deltas into the wizards' rows in one statement: the deltas it deletes are exactly the
 * ones it adds (a concurrent fold waits for their row locks, then finds them gone).
 */
const FOLD_SQL = `
  WITH moved AS (
    DELETE FROM wizard_counter_deltas WHERE $1::int[] IS NULL OR wizard_id = ANY($1::int[])
    RETURNING wizard_id, starts, completions, completion_minutes
  ), sums AS (
    SELECT wizard_id, sum(starts) AS starts, sum(completions) AS completions,
           sum(completion_minutes) AS minutes
      FROM moved GROUP BY wizard_id
  )
  UPDATE wizards w SET
    total_starts = COALESCE(w.total_starts, 0) + sums.starts,
    total_completions = COALESCE(w.total_completions, 0) + sums.completions,
    completion_minutes_total = COALESCE(w.completion_minutes_total, 0) + sums.minutes,
    avg_completion_time_minutes = CASE
      WHEN COALESCE(w.total_completions, 0) + sums.completions = 0 THEN w.avg_completion_time_minutes
      ELSE ROUND((COALESCE(w.completion_minutes_total, 0) + sums.minutes)::numeric
                 / (COALESCE(w.total_completions, 0) + sums.completions)) END
  FROM sums WHERE w.wizard_id = sums.wizard_id`;

/**
 * How long a fold waits for a wizard's row that another transaction holds (an author's change):
 * the response it delays is sent after that anyway, and the next fold takes the deltas.
 */
const FOLD_LOCK_TIMEOUT = '1s';

/**
 * Folds a wizard's counter deltas into its row after the change that wrote them has committed:
 * a short statement of its own, so sessions never queue on the wizard's row inside their
 * transactions. Folds of one wizard coalesce: a request waits for the next fold that starts
 * after its commit (one fold then serves every request that committed meanwhile), so its
 * response is sent once the counters include it. A fold that fails leaves its deltas for the
 * next one, or for foldAll (the roll-up schedule and start-up).
 */
export class WizardCounterFolder {
  /** Per wizard: the fold running now, and the one queued behind it. */
  private readonly running = new Map<number, Promise<void>>();
  private readonly queued = new Map<number, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  fold(wizardId: number): Promise<void> {
    const waiting = this.queued.get(wizardId);
    if (waiting) return waiting;
    const before = this.running.get(wizardId) ?? Promise.resolve();
    const next = before.then(() => {
      this.queued.delete(wizardId);
      this.running.set(wizardId, next);
      return this.run([wizardId]).finally(() => {
        if (this.running.get(wizardId) === next) this.running.delete(wizardId);
      });
    });
    this.queued.set(wizardId, next);
    return next;
  }

  /** Every wizard's leftover deltas (after a crash between commit and fold). */
  foldAll(): Promise<void> {
    return this.run(null);
  }

  private async run(wizardIds: number[] | null): Promise<void> {
    try {
      await asSystem(this.dataSource, async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '${FOLD_LOCK_TIMEOUT}'`);
        await manager.query(FOLD_SQL, [wizardIds]);
      });
    } catch (error) {
      this.onError(error);
    }
  }
}
