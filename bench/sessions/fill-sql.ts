// The fill's set-based statements. One batch of stored sessions goes in as: a plan (one row per
// session: owner, wizard, how far it got, whether it completed or skipped a step), the steps it
// passed (one row per session and step), then users, sessions, selections, skips, activity rows
// and the wizards' counters, each one INSERT … SELECT. The temporary tables go at commit.

/** One block of ids from a table's serial sequence: `$1` ids from the returned `first` on. */
export const reserveIds = (table: string, column: string) => `
SELECT setval(s::regclass, nextval(s::regclass) + $1::int - 1) - $1::int + 1 AS first
  FROM pg_get_serial_sequence('${table}', '${column}') AS s`;

/** $1: the wizards. Their active steps in order, each with its one set and its options. */
export const STEPS = `
CREATE TEMP TABLE bench_fill_steps ON COMMIT DROP AS
SELECT st.wizard_id,
       (row_number() OVER w)::int AS step_no,
       count(*) OVER (PARTITION BY st.wizard_id)::int AS steps,
       st.step_id, st.step_key, os.set_id,
       lead(st.step_id) OVER w AS next_step_id,
       o.option_ids, o.prices
  FROM wizard_steps st
  JOIN wizard_option_sets os ON os.step_id = st.step_id AND os.is_active IS NOT FALSE
  CROSS JOIN LATERAL (
    SELECT array_agg(option_id ORDER BY option_order, option_id) AS option_ids,
           array_agg(COALESCE(option_price, 0) ORDER BY option_order, option_id) AS prices
      FROM wizard_options WHERE set_id = os.set_id AND is_active IS NOT FALSE) o
 WHERE st.wizard_id = ANY($1::int[]) AND st.is_active IS NOT FALSE
WINDOW w AS (PARTITION BY st.wizard_id ORDER BY st.step_order, st.step_id)`;

/**
 * $1: the number of the batch's first stored session (1-based, over all batches), $2: sessions,
 * $3: first session id, $4: first user id (10 sessions per user), $5: the measured wizard,
 * $6: the other wizard (every fifth session). By a hash of the number: 55% completed, 15% all
 * steps answered but not completed, 10% each stopped after two, one or no step; on the other
 * wizard a third of those past step two skipped it (it is optional there). Started up to 90 days
 * ago, so some have expired.
 */
export const PLAN = `
CREATE TEMP TABLE bench_fill_plan ON COMMIT DROP AS
WITH drawn AS (
  SELECT i, $1::int + i AS n, hashint4($1::int + i) & 2147483647 AS h
    FROM generate_series(0, $2::int - 1) AS i
), shaped AS (
  SELECT i, n, h,
         CASE WHEN n % 5 = 0 THEN $6::int ELSE $5::int END AS wizard_id,
         CASE WHEN h % 100 < 70 THEN 3 WHEN h % 100 < 80 THEN 2 WHEN h % 100 < 90 THEN 1 ELSE 0 END
           AS passed,
         h % 100 < 55 AS completed
    FROM drawn
)
SELECT $3::int + i AS session_id,
       $4::int + i / 10 AS user_id,
       wizard_id, passed, completed,
       (wizard_id = $6::int AND passed >= 2 AND n % 3 = 0) AS skips_two,
       h AS choices,
       30 + (h / 100) % 90 AS step_seconds,
       now() - interval '1 hour' - (h % 7776000) * interval '1 second' AS started_at
  FROM shaped`;

/** The steps each planned session went through: answered (with its choice) or skipped. */
export const PASSED = `
CREATE TEMP TABLE bench_fill_passed ON COMMIT DROP AS
SELECT x.*,
       sum(x.price) OVER (PARTITION BY x.session_id ORDER BY x.step_no) AS price_so_far
  FROM (
    SELECT p.session_id, p.user_id, p.wizard_id, p.step_seconds,
           st.step_no, st.step_id, st.step_key, st.set_id, st.next_step_id,
           s.skipped,
           st.step_no - CASE WHEN p.skips_two AND st.step_no > 2 THEN 1 ELSE 0 END AS answer_no,
           CASE WHEN s.skipped THEN NULL ELSE st.option_ids[s.pick] END AS option_id,
           CASE WHEN s.skipped THEN 0 ELSE st.prices[s.pick] END AS price,
           p.started_at + st.step_no * p.step_seconds * interval '1 second' AS at
      FROM bench_fill_plan p
      JOIN bench_fill_steps st ON st.wizard_id = p.wizard_id AND st.step_no <= p.passed
      CROSS JOIN LATERAL (
        SELECT p.skips_two AND st.step_no = 2 AS skipped,
               1 + (p.choices >> st.step_no) % cardinality(st.option_ids) AS pick) s
  ) x`;

/** $1: first user id, $2: users. Nobody can log in as them (no PHC string). */
export const USERS = `
INSERT INTO users (user_id, email, full_name, password_hash, user_role, is_active, created_at,
                   updated_at)
SELECT id, 'bench-stored-' || id || '@bench.invalid', 'Stored user ' || id, '!bench-no-login',
       'USER', true, now() - interval '100 days', now() - interval '100 days'
  FROM (SELECT $1::int + j AS id FROM generate_series(0, $2::int - 1) AS j) u`;

export const SESSIONS = `
INSERT INTO wizard_user_sessions (session_id, wizard_id, user_id, session_name, session_token,
  current_step_id, is_completed, store_user_data, started_at, completed_at, last_modified,
  expires_at, total_price, completion_time_minutes, row_version, step_entered_at,
  recorded_step_ids)
SELECT p.session_id, p.wizard_id, p.user_id, w.wizard_name,
       encode(sha256(convert_to('bench-stored-' || p.session_id, 'UTF8')), 'hex'),
       cur.step_id, p.completed, true, p.started_at,
       CASE WHEN p.completed THEN t.last_at END, t.last_at, t.last_at + interval '30 days',
       COALESCE(a.price, 0.00),
       CASE WHEN p.completed THEN (p.passed * p.step_seconds + 20) / 60 END,
       1 + p.passed + p.completed::int, t.entered_at, COALESCE(a.recorded, '{}')
  FROM bench_fill_plan p
  JOIN wizards w ON w.wizard_id = p.wizard_id
  JOIN bench_fill_steps cur ON cur.wizard_id = p.wizard_id AND cur.step_no = LEAST(p.passed + 1, cur.steps)
  CROSS JOIN LATERAL (
    SELECT p.started_at + p.passed * p.step_seconds * interval '1 second' AS entered_at,
           p.started_at + (p.passed * p.step_seconds + CASE WHEN p.completed THEN 20 ELSE 0 END)
             * interval '1 second' AS last_at) t
  LEFT JOIN (
    SELECT session_id, max(price_so_far) AS price,
           array_agg(step_id ORDER BY step_no) FILTER (WHERE NOT skipped) AS recorded
      FROM bench_fill_passed GROUP BY session_id) a ON a.session_id = p.session_id`;

export const SELECTIONS = `
INSERT INTO wizard_user_selections (session_id, step_id, set_id, option_id, selected_at,
  selection_order, time_spent_seconds)
SELECT session_id, step_id, set_id, option_id, at, answer_no, step_seconds
  FROM bench_fill_passed WHERE NOT skipped`;

export const SKIPS = `
INSERT INTO wizard_step_skips (session_id, step_id, skip_reason, skipped_at)
SELECT session_id, step_id, 'Not needed', at FROM bench_fill_passed WHERE skipped`;

/** Started, one per step passed, completed: the details as the server writes them. */
export const ACTIVITY = `
INSERT INTO wizard_session_activity_log (session_id, wizard_id, user_id, activity_type,
  activity_details, created_at)
SELECT p.session_id, p.wizard_id, p.user_id, 'SESSION_STARTED',
       jsonb_build_object('version', 1, 'guest', false, 'firstStepId', first.step_id,
         'storeUserData', true, 'wizardVersion', w.version),
       p.started_at
  FROM bench_fill_plan p
  JOIN wizards w ON w.wizard_id = p.wizard_id
  JOIN bench_fill_steps first ON first.wizard_id = p.wizard_id AND first.step_no = 1
UNION ALL
SELECT x.session_id, x.wizard_id, x.user_id,
       CASE WHEN x.skipped THEN 'STEP_SKIPPED' ELSE 'STEP_COMPLETED' END,
       jsonb_build_object('version', x.step_no + 1, 'stepId', x.step_id, 'stepKey', x.step_key,
         'next', jsonb_build_object(
           'via', CASE WHEN x.next_step_id IS NULL THEN 'COMPLETE' ELSE 'DEFAULT' END,
           'reason', CASE WHEN x.next_step_id IS NULL THEN 'complete' ELSE 'default order' END,
           'ruleId', NULL, 'stepId', x.next_step_id),
         'price', x.price_so_far::text,
         'pruned', '{"setIds": [], "stepIds": [], "optionIds": []}'::jsonb,
         'timeSpentSeconds', x.step_seconds)
         || CASE WHEN x.skipped THEN '{"reason": "Not needed"}'::jsonb ELSE '{}'::jsonb END,
       x.at
  FROM bench_fill_passed x
UNION ALL
SELECT s.session_id, s.wizard_id, s.user_id, 'SESSION_COMPLETED',
       jsonb_build_object('version', s.row_version, 'stepsDone', p.passed,
         'totalPrice', s.total_price::text, 'completionTimeMinutes', s.completion_time_minutes),
       s.completed_at
  FROM bench_fill_plan p
  JOIN wizard_user_sessions s ON s.session_id = p.session_id
 WHERE p.completed`;

/** The wizards' starts, completions and mean completion time, as if each had gone through. */
export const COUNTERS = `
UPDATE wizards w
   SET total_starts = COALESCE(w.total_starts, 0) + c.starts,
       total_completions = COALESCE(w.total_completions, 0) + c.completions,
       avg_completion_time_minutes = CASE WHEN COALESCE(w.total_completions, 0) + c.completions = 0
         THEN w.avg_completion_time_minutes
         ELSE ROUND((COALESCE(w.avg_completion_time_minutes, 0) * COALESCE(w.total_completions, 0)
           + c.minutes)::numeric / (COALESCE(w.total_completions, 0) + c.completions), 2) END
  FROM (SELECT p.wizard_id, count(*) AS starts, count(*) FILTER (WHERE p.completed) AS completions,
               COALESCE(sum(s.completion_time_minutes) FILTER (WHERE p.completed), 0) AS minutes
          FROM bench_fill_plan p
          JOIN wizard_user_sessions s ON s.session_id = p.session_id
         GROUP BY p.wizard_id) c
 WHERE w.wizard_id = c.wizard_id`;

/**
 * Stored rows that do not fit their wizard (more than the foreign keys ask): a session's owner
 * and current step, a selection's step, set and option in its session's wizard, a skip's step,
 * an activity row's session, wizard and user. All zero, or the fill is wrong.
 */
export const MISFITS = `
SELECT
  (SELECT count(*) FROM wizard_user_sessions s
     LEFT JOIN users u ON u.user_id = s.user_id
     LEFT JOIN wizard_steps st ON st.step_id = s.current_step_id AND st.wizard_id = s.wizard_id
    WHERE u.user_id IS NULL OR st.step_id IS NULL)::int AS sessions,
  (SELECT count(*) FROM wizard_user_selections x
     LEFT JOIN wizard_user_sessions s ON s.session_id = x.session_id
     LEFT JOIN wizard_steps st ON st.step_id = x.step_id AND st.wizard_id = s.wizard_id
     LEFT JOIN wizard_option_sets os ON os.set_id = x.set_id AND os.step_id = st.step_id
     LEFT JOIN wizard_options o ON o.option_id = x.option_id AND o.set_id = os.set_id
    WHERE o.option_id IS NULL)::int AS selections,
  (SELECT count(*) FROM wizard_step_skips k
     LEFT JOIN wizard_user_sessions s ON s.session_id = k.session_id
     LEFT JOIN wizard_steps st ON st.step_id = k.step_id AND st.wizard_id = s.wizard_id
    WHERE st.step_id IS NULL)::int AS skips,
  (SELECT count(*) FROM wizard_session_activity_log a
     LEFT JOIN wizard_user_sessions s
       ON s.session_id = a.session_id AND s.wizard_id = a.wizard_id AND s.user_id = a.user_id
    WHERE s.session_id IS NULL)::int AS activity`;
