import type { Fixture } from '../fixture';
import type { Probe } from '../matrix';

interface SessionRow {
  row_version: number;
  current_step_id: number;
  total_price: string;
  step_entered_at: Date;
  expires_at: Date;
  last_modified: Date;
  paused_at: Date | null;
  deleted_at: Date | null;
  draft_step_id: number | null;
  draft_answers: unknown;
  recorded_step_ids: number[];
}

interface SessionOfA {
  session: SessionRow[];
  selections: number;
  skips: number;
  lastLog: number;
  templates: number[];
  shares: { share_id: number; is_active: boolean }[];
}

const count = async (fx: Fixture, table: string): Promise<number> => {
  const [row] = await fx.db.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int n FROM ${table} WHERE session_id = $1`,
    [fx.sessionOfUserA],
  );
  return row.n;
};

/**
 * userA's session and everything hanging off it that a session mutation could change: the row
 * (version, step, price, pause, deletion, draft), its selections, skips and activity, the templates
 * saved from it and its shares.
 */
export const SESSION_PROBE: Probe = {
  async read(fx: Fixture): Promise<SessionOfA> {
    const query = fx.db.dataSource.query.bind(fx.db.dataSource);
    const id = fx.sessionOfUserA;
    const [log] = await query<{ last: number }[]>(
      'SELECT max(log_id) AS last FROM wizard_session_activity_log WHERE session_id = $1',
      [id],
    );
    const templates = await query<{ template_id: number }[]>(
      'SELECT template_id FROM wizard_session_templates WHERE original_session_id = $1 ORDER BY 1',
      [id],
    );
    return {
      session: await query<SessionRow[]>(
        `SELECT row_version, current_step_id, total_price, step_entered_at, expires_at,
           last_modified, paused_at, deleted_at, draft_step_id, draft_answers, recorded_step_ids
         FROM wizard_user_sessions WHERE session_id = $1`,
        [id],
      ),
      selections: await count(fx, 'wizard_user_selections'),
      skips: await count(fx, 'wizard_step_skips'),
      lastLog: log.last,
      templates: templates.map((row) => row.template_id),
      shares: await query(
        'SELECT share_id, is_active FROM wizard_session_shares WHERE session_id = $1 ORDER BY 1',
        [id],
      ),
    };
  },
  async restore(fx, before) {
    const { session, lastLog, templates, shares } = before as SessionOfA;
    const [row] = session;
    const id = fx.sessionOfUserA;
    const query = fx.db.dataSource.query.bind(fx.db.dataSource);
    // The fixture session has no selections and no skips.
    await query('DELETE FROM wizard_user_selections WHERE session_id = $1', [id]);
    await query('DELETE FROM wizard_step_skips WHERE session_id = $1', [id]);
    await query('DELETE FROM wizard_session_activity_log WHERE session_id = $1 AND log_id > $2', [
      id,
      lastLog,
    ]);
    await query(
      `DELETE FROM wizard_session_templates
        WHERE original_session_id = $1 AND NOT (template_id = ANY($2))`,
      [id, templates],
    );
    await query(
      'DELETE FROM wizard_session_shares WHERE session_id = $1 AND NOT (share_id = ANY($2))',
      [id, shares.map((share) => share.share_id)],
    );
    for (const share of shares)
      await query('UPDATE wizard_session_shares SET is_active = $2 WHERE share_id = $1', [
        share.share_id,
        share.is_active,
      ]);
    await query(
      `UPDATE wizard_user_sessions SET row_version = $2, current_step_id = $3, total_price = $4,
         step_entered_at = $5, expires_at = $6, last_modified = $7, paused_at = $8,
         deleted_at = $9, draft_step_id = $10, draft_answers = $11, recorded_step_ids = $12
       WHERE session_id = $1`,
      [
        id,
        row.row_version,
        row.current_step_id,
        row.total_price,
        row.step_entered_at,
        row.expires_at,
        row.last_modified,
        row.paused_at,
        row.deleted_at,
        row.draft_step_id,
        row.draft_answers,
        row.recorded_step_ids,
      ],
    );
  },
};

interface WizardSessions {
  total_starts: number;
  sessions: number[];
}

/** The public wizard's sessions and start count (what starting, replaying and cloning change). */
export const STARTS_PROBE: Probe = {
  read: async (fx: Fixture) => {
    const [wizard] = await fx.db.dataSource.query<{ total_starts: number }[]>(
      'SELECT total_starts FROM wizards WHERE wizard_id = $1',
      [fx.wizardIds.public],
    );
    const sessions = await fx.db.dataSource.query<{ session_id: number }[]>(
      'SELECT session_id FROM wizard_user_sessions WHERE wizard_id = $1 ORDER BY session_id',
      [fx.wizardIds.public],
    );
    return { total_starts: wizard.total_starts, sessions: sessions.map((s) => s.session_id) };
  },
  async restore(fx, before) {
    const { total_starts: starts, sessions } = before as WizardSessions;
    await fx.db.dataSource.query(
      'DELETE FROM wizard_user_sessions WHERE wizard_id = $1 AND NOT (session_id = ANY($2))',
      [fx.wizardIds.public, sessions],
    );
    await fx.db.dataSource.query('UPDATE wizards SET total_starts = $2 WHERE wizard_id = $1', [
      fx.wizardIds.public,
      starts,
    ]);
  },
};
