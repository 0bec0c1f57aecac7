/**
 * A branch-aware funnel of one wizard for sessions started in [$2, $3) (UTC days): a session
 * counts at a step only when its path reached the step. The stored answers already follow the
 * path (the engine prunes what leaves it), so a step was reached when it has recorded answers, a
 * skip, or the session stands on it. Abandoned: not completed, inactive longer than $4 minutes
 * (or expired, as of $5), standing on the step.
 */
export const FUNNEL_SQL = `
WITH sessions AS (
  SELECT s.* FROM wizard_user_sessions s
   WHERE s.wizard_id = $1 AND s.deleted_at IS NULL
     AND s.started_at >= $2::date::timestamptz AND s.started_at < ($3::date + 1)::timestamptz
),
reached AS (
  SELECT s.session_id, unnest(s.recorded_step_ids) AS step_id FROM sessions s
  UNION SELECT k.session_id, k.step_id FROM wizard_step_skips k JOIN sessions s USING (session_id)
  UNION SELECT s.session_id, s.current_step_id FROM sessions s WHERE s.current_step_id IS NOT NULL
)
SELECT st.step_id, st.step_key, st.step_name,
  (SELECT count(DISTINCT r.session_id) FROM reached r WHERE r.step_id = st.step_id)::int AS reached,
  (SELECT count(*) FROM sessions s WHERE st.step_id = ANY(s.recorded_step_ids))::int AS completed,
  (SELECT count(*) FROM wizard_step_skips k JOIN sessions s USING (session_id)
    WHERE k.step_id = st.step_id)::int AS skipped,
  (SELECT count(*) FROM sessions s
    WHERE s.current_step_id = st.step_id AND s.is_completed IS NOT TRUE
      AND (s.last_modified < $5::timestamptz - make_interval(mins => $4::int)
           OR s.expires_at <= $5::timestamptz))::int AS abandoned
  FROM wizard_steps st
 WHERE st.wizard_id = $1 AND st.is_active IS TRUE
 ORDER BY st.step_order, st.step_id`;
