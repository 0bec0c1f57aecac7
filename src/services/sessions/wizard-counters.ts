import type { DataSource } from 'typeorm';
import type { WriteBatch } from '../../database/write-batch';

/**
 * A session's share of its wizard's counters, written with the session's own change (queued
 * with its other writes: one statement for all of them).
 */
export function countStart(writes: WriteBatch, session: { id: number; wizardId: number }): void {
  writes.add(
    'INSERT INTO wizard_counter_deltas (wizard_id, session_id, starts) VALUES ($1, $2, 1)',
    [session.wizardId, session.id],
  );
}

export function countCompletion(
  writes: WriteBatch,
  session: { id: number; wizardId: number },
  minutes: number,
): void {
  writes.add(
    `INSERT INTO wizard_counter_deltas (wizard_id, session_id, completions, completion_minutes)
     VALUES ($1, $2, 1, $3)`,
    [session.wizardId, session.id, minutes],
  );
}

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
      // One statement: the function runs as system work and waits at most 1 s for a wizard's
      // row (see the WizardCounterDeltas migration).
      await this.dataSource.query('SELECT wizard_counters_fold($1::int[])', [wizardIds]);
    } catch (error) {
      this.onError(error);
    }
  }
}
