import type { DataSource } from 'typeorm';
import type { WriteBatch } from '../../database/write-batch';

/**
 * A session's share of its wizard's counters, written with the session's own change (queued
 * with its other writes: one statement for all of them). Counted by reads from its commit on.
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

/** How long committed deltas wait to be folded: one fold statement per interval, for every wizard. */
const FOLD_DELAY_MS = 1_000;

/**
 * Folds committed counter deltas into their wizards' rows, on a timer: reads add the deltas not
 * folded yet (WizardResolver), so nothing waits for a fold and no request pays for one. Every
 * wizard with a delta committed through this process in the interval is folded by one statement.
 * A fold that fails (a wizard's row held past the lock timeout) is tried again at the next
 * interval; deltas another process left behind are taken by foldAll (start-up and the roll-up
 * schedule).
 */
export class WizardCounterFolder {
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  /** The fold running now (folds of this process never overlap). */
  private folding: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** A delta of the wizard has committed: it is folded in within the interval. */
  committed(wizardId: number): void {
    this.dirty.add(wizardId);
    this.schedule();
  }

  /** Folds every wizard with a committed delta now (the timer, and shutdown). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size > 0) {
      const ids = [...this.dirty];
      this.dirty.clear();
      this.folding = this.folding.then(() => this.fold(ids));
    }
    return this.folding;
  }

  /** Every wizard's leftover deltas (after a crash between commit and fold). */
  foldAll(): Promise<void> {
    this.folding = this.folding.then(() => this.run(null).then(() => undefined));
    return this.folding;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), FOLD_DELAY_MS);
    // A pending fold never keeps the process alive: foldAll at start-up takes what is left.
    this.timer.unref();
  }

  private async fold(ids: number[]): Promise<void> {
    if (await this.run(ids)) return;
    for (const id of ids) this.dirty.add(id);
    this.schedule();
  }

  /** True when the fold committed. */
  private async run(wizardIds: number[] | null): Promise<boolean> {
    try {
      // One statement: the function runs as system work and waits at most 1 s for a wizard's
      // row (see the WizardCounterDeltas migration).
      await this.dataSource.query('SELECT wizard_counters_fold($1::int[])', [wizardIds]);
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }
}
