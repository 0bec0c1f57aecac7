import type { DataSource } from 'typeorm';
import { requireUser } from '../../auth/guards';
import { hasScope, isAuthor } from '../../auth/viewer';
import type { RequestDatabase } from '../../database/request-database';
import { asSystem } from '../../database/system-context';
import { Wizard, WizardAnalytics } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { badUserInput, conflict, forbidden, notFound } from '../../errors/error-code';
import { isIsoDate } from '../../runtime/value-rules';
import { FUNNEL_SQL } from './funnel-sql';
import { ROLLUP_DAY_SQL } from './rollup-sql';
import { liveStats, type LiveStats } from './live-stats';

export interface AnalyticsSettings {
  /** A session untouched this long (and not completed) counts as abandoned. */
  abandonAfterMinutes: number;
  /** The longest range analytics and funnels read. */
  maxDays: number;
}

export interface FunnelStep {
  stepId: number;
  stepKey: string;
  stepName: string;
  reached: number;
  completed: number;
  skipped: number;
  abandoned: number;
}

/** One lock key for the roll-up across every instance on the database ("wizard analytics"). */
export const ROLLUP_LOCK_KEY = 0x77697a61;

const DAY_MS = 86_400_000;

/** Analytics: the daily roll-up and what authors read from it. */
export class AnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AnalyticsSettings,
  ) {}

  /**
   * Rolls one day up, as system work under a transaction-level advisory lock: while one instance
   * rolls up, another's attempt returns null instead of doing the work twice.
   */
  async rollupDay(day: string, now = new Date()): Promise<number[] | null> {
    return asSystem(this.dataSource, async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [ROLLUP_LOCK_KEY],
      );
      if (!locked) return null;
      const rows = await manager.query<{ wizard_id: number }[]>(ROLLUP_DAY_SQL, [
        day,
        this.settings.abandonAfterMinutes,
        now,
      ]);
      return rows.map((row) => row.wizard_id);
    });
  }

  /** A wizard's figures now (for wizardLiveStats). */
  live(db: RequestDatabase, wizardId: number): Promise<LiveStats> {
    return liveStats(db, wizardId, this.settings.abandonAfterMinutes);
  }

  /** rollupAnalytics(date): authors only; the day's rows afterwards. */
  async rollup(db: RequestDatabase, day: string): Promise<WizardAnalytics[]> {
    this.requireAnalyticsReader(db);
    checkDay(day, 'date');
    if (day > new Date().toISOString().slice(0, 10))
      throw badUserInput('The day has not begun yet', [
        { field: 'date', message: 'is in the future' },
      ]);
    const done = await this.rollupDay(day);
    if (done === null)
      throw conflict('A roll-up is running on another instance; try again shortly');
    return (await db.manager())
      .getRepository(WizardAnalytics)
      .createQueryBuilder('a')
      .where('a.analytics_date = :day', { day })
      .orderBy('a.wizard_id', 'ASC')
      .getMany();
  }

  /** Daily rows of a wizard, a row for every day of the range (zeros where nothing happened). */
  async daily(db: RequestDatabase, wizardId: number, from: string, to: string) {
    await this.wizardFor(db, wizardId);
    const days = this.range(from, to);
    const rows = await (
      await db.manager()
    )
      .getRepository(WizardAnalytics)
      .createQueryBuilder('a')
      .where('a.wizard_id = :wizardId AND a.analytics_date BETWEEN :from AND :to', {
        wizardId,
        from,
        to,
      })
      .getMany();
    const byDay = new Map(rows.map((row) => [row.date, row]));
    return days.map(
      (day) =>
        byDay.get(day) ??
        Object.assign(new WizardAnalytics(), {
          id: `${wizardId}-${day}` as unknown as number,
          wizardId,
          date: day,
          totalStarts: 0,
          totalCompletions: 0,
          totalAbandons: 0,
          avgCompletionTimeMinutes: null,
          mostAbandonedStepId: null,
          mostTimeSpentStepId: null,
          uniqueUsers: 0,
          returningUsers: 0,
          createdAt: null,
        }),
    );
  }

  /** The branch-aware funnel of sessions started in the range. */
  async funnel(
    db: RequestDatabase,
    wizardId: number,
    from: string,
    to: string,
  ): Promise<FunnelStep[]> {
    await this.wizardFor(db, wizardId);
    this.range(from, to);
    const rows = await (
      await db.manager()
    ).query<
      {
        step_id: number;
        step_key: string;
        step_name: string;
        reached: number;
        completed: number;
        skipped: number;
        abandoned: number;
      }[]
    >(FUNNEL_SQL, [wizardId, from, to, this.settings.abandonAfterMinutes, new Date()]);
    return rows.map((row) => ({
      stepId: row.step_id,
      stepKey: row.step_key,
      stepName: row.step_name,
      reached: row.reached,
      completed: row.completed,
      skipped: row.skipped,
      abandoned: row.abandoned,
    }));
  }

  private requireAnalyticsReader(db: RequestDatabase) {
    const viewer = requireUser(db.viewer);
    if (!isAuthor(viewer)) throw forbidden('Only authors (ADMIN) read analytics');
    if (!hasScope(viewer, ApiScope.ANALYTICS_READ))
      throw forbidden('This API key lacks the ANALYTICS_READ scope');
  }

  private async wizardFor(db: RequestDatabase, wizardId: number): Promise<void> {
    this.requireAnalyticsReader(db);
    const wizard = await (await db.manager()).findOneBy(Wizard, { id: wizardId });
    if (!wizard) throw notFound('Wizard', wizardId);
  }

  /** The days from..to (inclusive); BAD_USER_INPUT for bad dates, reversed or too long ranges. */
  private range(from: string, to: string): string[] {
    checkDay(from, 'from');
    checkDay(to, 'to');
    if (from > to)
      throw badUserInput('from is after to', [{ field: 'from', message: 'is after to' }]);
    const count = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (count > this.settings.maxDays)
      throw badUserInput(`The range is at most ${this.settings.maxDays} days`, [
        { field: 'to', message: `at most ${this.settings.maxDays} days after from` },
      ]);
    const start = Date.parse(`${from}T00:00:00Z`);
    return Array.from({ length: count }, (_, i) =>
      new Date(start + i * DAY_MS).toISOString().slice(0, 10),
    );
  }
}

function checkDay(day: string, field: string): void {
  if (!isIsoDate(day))
    throw badUserInput(`${field} must be a date written YYYY-MM-DD`, [
      { field, message: 'must be a date written YYYY-MM-DD' },
    ]);
}
