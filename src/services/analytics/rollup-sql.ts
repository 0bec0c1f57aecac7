/**
 * The daily roll-up of one day (UTC) for every wizard with activity that day, as one idempotent
 * statement: re-running a day rewrites the same row.
 *
 * $1 the day, $2 the abandon threshold in minutes, $3 now (so a run is one consistent reading).
 * - starts: sessions started that day; completions: completed that day (avg of their minutes).
 * - abandons: sessions not completed whose last activity was that day and that are either
 *   inactive for longer than the threshold or expired; the most abandoned step is where most of
 *   them stood (ties: the earlier step).
 * - most time spent: the step whose submissions that day took the most seconds (one figure per
 *   session and step: every row of a submission carries the same time).
 * - unique users: users with activity rows that day; returning: those of them with a session of
 *   the wizard started before that day.
 */
export const ROLLUP_DAY_SQL = `
WITH day AS (
  SELECT $1::date AS d, ($1::date)::timestamptz AS from_ts, ($1::date + 1)::timestamptz AS to_ts
),
starts AS (
  SELECT s.wizard_id, count(*)::int AS n FROM wizard_user_sessions s, day
   WHERE s.started_at >= day.from_ts AND s.started_at < day.to_ts GROUP BY s.wizard_id
),
completions AS (
  SELECT s.wizard_id, count(*)::int AS n, round(avg(s.completion_time_minutes), 2) AS avg_minutes
    FROM wizard_user_sessions s, day
   WHERE s.is_completed IS TRUE AND s.completed_at >= day.from_ts AND s.completed_at < day.to_ts
   GROUP BY s.wizard_id
),
abandoned AS (
  SELECT s.wizard_id, s.current_step_id FROM wizard_user_sessions s, day
   WHERE s.is_completed IS NOT TRUE
     AND s.last_modified >= day.from_ts AND s.last_modified < day.to_ts
     AND (s.last_modified < $3::timestamptz - make_interval(mins => $2::int)
          OR s.expires_at <= $3::timestamptz)
),
abandons AS (
  SELECT wizard_id, count(*)::int AS n FROM abandoned GROUP BY wizard_id
),
abandoned_step AS (
  SELECT DISTINCT ON (a.wizard_id) a.wizard_id, a.current_step_id AS step_id
    FROM abandoned a JOIN wizard_steps st ON st.step_id = a.current_step_id
   GROUP BY a.wizard_id, a.current_step_id, st.step_order
   ORDER BY a.wizard_id, count(*) DESC, st.step_order, a.current_step_id
),
step_times AS (
  SELECT s.wizard_id, x.step_id, max(x.time_spent_seconds) AS seconds
    FROM wizard_user_selections x JOIN wizard_user_sessions s ON s.session_id = x.session_id, day
   WHERE x.selected_at >= day.from_ts AND x.selected_at < day.to_ts
     AND x.time_spent_seconds IS NOT NULL
   GROUP BY s.wizard_id, x.session_id, x.step_id
),
time_step AS (
  SELECT DISTINCT ON (t.wizard_id) t.wizard_id, t.step_id
    FROM step_times t JOIN wizard_steps st ON st.step_id = t.step_id
   GROUP BY t.wizard_id, t.step_id, st.step_order
   ORDER BY t.wizard_id, sum(t.seconds) DESC, st.step_order, t.step_id
),
active_users AS (
  SELECT DISTINCT a.wizard_id, a.user_id FROM wizard_session_activity_log a, day
   WHERE a.created_at >= day.from_ts AND a.created_at < day.to_ts
),
users AS (
  SELECT u.wizard_id, count(*)::int AS unique_users,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM wizard_user_sessions p, day
            WHERE p.wizard_id = u.wizard_id AND p.user_id = u.user_id AND p.started_at < day.from_ts
         ))::int AS returning_users
    FROM active_users u GROUP BY u.wizard_id
),
wizards_of_day AS (
  SELECT wizard_id FROM starts UNION SELECT wizard_id FROM completions
  UNION SELECT wizard_id FROM abandons UNION SELECT wizard_id FROM users
  UNION SELECT wizard_id FROM step_times
)
INSERT INTO wizard_analytics AS wa (wizard_id, analytics_date, total_starts, total_completions,
  total_abandons, avg_completion_time_minutes, most_abandoned_step_id, most_time_spent_step_id,
  unique_users, returning_users)
SELECT w.wizard_id, (SELECT d FROM day), COALESCE(st.n, 0), COALESCE(c.n, 0), COALESCE(ab.n, 0),
       c.avg_minutes, abs.step_id, ts.step_id, COALESCE(u.unique_users, 0),
       COALESCE(u.returning_users, 0)
  FROM wizards_of_day w
  LEFT JOIN starts st ON st.wizard_id = w.wizard_id
  LEFT JOIN completions c ON c.wizard_id = w.wizard_id
  LEFT JOIN abandons ab ON ab.wizard_id = w.wizard_id
  LEFT JOIN abandoned_step abs ON abs.wizard_id = w.wizard_id
  LEFT JOIN time_step ts ON ts.wizard_id = w.wizard_id
  LEFT JOIN users u ON u.wizard_id = w.wizard_id
ON CONFLICT ON CONSTRAINT unique_wizard_date DO UPDATE SET
  total_starts = EXCLUDED.total_starts,
  total_completions = EXCLUDED.total_completions,
  total_abandons = EXCLUDED.total_abandons,
  avg_completion_time_minutes = EXCLUDED.avg_completion_time_minutes,
  most_abandoned_step_id = EXCLUDED.most_abandoned_step_id,
  most_time_spent_step_id = EXCLUDED.most_time_spent_step_id,
  unique_users = EXCLUDED.unique_users,
  returning_users = EXCLUDED.returning_users
RETURNING wa.wizard_id`;
