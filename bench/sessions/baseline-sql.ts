// The session baseline's statements, each a named prepared statement (parsed and planned once
// per pooled connection). Every transition is one transaction of these.

export const INSERT_SESSION = {
  name: 'start-session',
  text: `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token,
           current_step_id, started_at, last_modified, step_entered_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, now(), now(), now(), now() + interval '30 days')
         RETURNING session_id, row_version`,
};

export const INSERT_ACTIVITY = {
  name: 'insert-activity',
  text: `INSERT INTO wizard_session_activity_log (session_id, wizard_id, user_id, activity_type,
           activity_details)
         VALUES ($1, $2, $3, $4, $5)`,
};

/** The row the transition works on, locked until COMMIT. */
export const LOCK_SESSION = {
  name: 'lock-session',
  text: `SELECT wizard_id, user_id, row_version, is_completed, current_step_id, recorded_step_ids,
                step_entered_at, expires_at < now() AS expired
           FROM wizard_user_sessions
          WHERE session_id = $1 AND deleted_at IS NULL
            FOR UPDATE`,
};

export const DELETE_STEP_SELECTIONS = {
  name: 'delete-step-selections',
  text: 'DELETE FROM wizard_user_selections WHERE session_id = $1 AND step_id = $2',
};

/** $3/$4: the chosen sets and options, pairwise; numbered on after the session's last choice. */
export const INSERT_SELECTIONS = {
  name: 'insert-selections',
  text: `INSERT INTO wizard_user_selections (session_id, step_id, set_id, option_id,
           selection_order, time_spent_seconds)
         SELECT $1, $2, a.set_id, a.option_id, last.n + a.ord, $5
           FROM unnest($3::int[], $4::int[]) WITH ORDINALITY AS a(set_id, option_id, ord)
          CROSS JOIN (SELECT COALESCE(max(selection_order), 0) AS n
                        FROM wizard_user_selections WHERE session_id = $1) last`,
};

/** The price is the sum of the chosen options, this step's included. */
export const UPDATE_AFTER_SUBMIT = {
  name: 'update-after-submit',
  text: `UPDATE wizard_user_sessions
            SET current_step_id = $2, recorded_step_ids = $3::int[],
                total_price = (SELECT COALESCE(sum(o.option_price), 0)
                                 FROM wizard_user_selections s
                                 JOIN wizard_options o ON o.option_id = s.option_id
                                WHERE s.session_id = $1),
                step_entered_at = CASE WHEN current_step_id IS DISTINCT FROM $2 THEN now()
                                       ELSE step_entered_at END,
                row_version = row_version + 1, last_modified = now(),
                expires_at = now() + interval '30 days'
          WHERE session_id = $1
          RETURNING row_version, total_price`,
};

export const UPDATE_COMPLETED = {
  name: 'update-completed',
  text: `UPDATE wizard_user_sessions
            SET is_completed = true, completed_at = now(),
                completion_time_minutes = floor(extract(epoch FROM now() - started_at) / 60)::int,
                row_version = row_version + 1, last_modified = now(),
                expires_at = now() + interval '30 days'
          WHERE session_id = $1
          RETURNING row_version, total_price, completion_time_minutes`,
};
