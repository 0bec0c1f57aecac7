import type { RequestDatabase } from '../../database/request-database';

export interface LiveStats {
  wizardId: number;
  /** Not completed, not paused, changed within the last `activeMinutes`, not expired. */
  activeNow: number;
  startsToday: number;
  completionsToday: number;
  /** Of today's starts, the share (0..1) already abandoned (untouched too long, or expired). */
  abandonRate: number;
  /** Mean minutes of today's completions; null before the first. */
  avgCompletionMinutes: string | null;
  asOf: Date;
}

/** Minutes without a change after which a running session no longer counts as active now. */
export const ACTIVE_MINUTES = 30;

const LIVE_STATS_SQL = `
SELECT
  count(*) FILTER (WHERE is_completed IS NOT TRUE AND paused_at IS NULL
    AND last_modified > now() - make_interval(mins => $2::int)
    AND (expires_at IS NULL OR expires_at > now()))::int AS active_now,
  count(*) FILTER (WHERE started_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::int AS starts_today,
  count(*) FILTER (WHERE completed_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::int AS completions_today,
  count(*) FILTER (WHERE started_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    AND is_completed IS NOT TRUE
    AND (last_modified < now() - make_interval(mins => $3::int) OR expires_at <= now()))::int AS abandoned_today,
  round(avg(completion_time_minutes) FILTER (
    WHERE completed_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 2)::text AS avg_minutes
FROM wizard_user_sessions WHERE wizard_id = $1 AND deleted_at IS NULL`;

/** A wizard's figures right now, read as the viewer (an author sees every session). */
export async function liveStats(
  db: RequestDatabase,
  wizardId: number,
  abandonAfterMinutes: number,
): Promise<LiveStats> {
  const [row] = await (
    await db.manager()
  ).query<
    {
      active_now: number;
      starts_today: number;
      completions_today: number;
      abandoned_today: number;
      avg_minutes: string | null;
    }[]
  >(LIVE_STATS_SQL, [wizardId, ACTIVE_MINUTES, abandonAfterMinutes]);
  return {
    wizardId,
    activeNow: row.active_now,
    startsToday: row.starts_today,
    completionsToday: row.completions_today,
    abandonRate: row.starts_today ? row.abandoned_today / row.starts_today : 0,
    avgCompletionMinutes: row.avg_minutes,
    asOf: new Date(),
  };
}
