// Were the answers right? After the rounds, the rows each side wrote (told apart by session
// name) must match what its clients counted, and every completed session must be whole.
import { Client } from 'pg';
import type { PerOperation, Tally } from './recorder';

export interface SideCheck {
  sessionName: string;
  tally: Tally;
}

export interface CheckResult {
  sessionName: string;
  ok: boolean;
  problems: string[];
  rows: Record<string, number>;
  /** Requests that were never answered; the server may have committed some of them. */
  unanswered: number;
}

/**
 * Per session name: sessions, completed ones, completed ones that are not whole (three
 * selections on three steps, completed_at, version 5, three recorded steps), selections, and
 * activity rows (one per start, submit and completion).
 */
const ROWS_SQL = `
SELECT count(*)::int AS sessions,
       count(*) FILTER (WHERE s.is_completed)::int AS completed,
       count(*) FILTER (WHERE s.is_completed AND (sel.n <> 3 OR sel.steps <> 3
         OR s.completed_at IS NULL OR s.row_version <> 5
         OR cardinality(s.recorded_step_ids) <> 3))::int AS broken,
       COALESCE(sum(sel.n), 0)::int AS selections,
       COALESCE(sum(act.n), 0)::int AS activity
  FROM wizard_user_sessions s
  CROSS JOIN LATERAL (SELECT count(*) AS n, count(DISTINCT x.step_id) AS steps
                        FROM wizard_user_selections x WHERE x.session_id = s.session_id) sel
  CROSS JOIN LATERAL (SELECT count(*) AS n
                        FROM wizard_session_activity_log a WHERE a.session_id = s.session_id) act
 WHERE s.session_name = $1`;

const all = (counts: PerOperation) => counts.start + counts.submit + counts.complete;

/** Each figure lies between the successes counted and those plus the unanswered requests. */
function problemsOf(rows: Record<string, number>, { done, unanswered }: Tally): string[] {
  const expected: [string, number, number, number][] = [
    ['sessions', rows.sessions, done.start, unanswered.start],
    ['completed sessions', rows.completed, done.complete, unanswered.complete],
    ['selections', rows.selections, done.submit, unanswered.submit],
    ['activity rows', rows.activity, all(done), all(unanswered)],
  ];
  const problems = expected
    .filter(([, found, counted, unsure]) => found < counted || found > counted + unsure)
    .map(
      ([what, found, counted, unsure]) =>
        `${what}: ${found} in the database, ${counted} counted` +
        (unsure ? ` (+ up to ${unsure} unanswered)` : ''),
    );
  if (rows.broken > 0) problems.push(`${rows.broken} completed sessions are not whole`);
  return problems;
}

/** As the database owner in system context (forced row-level security would hide the rows). */
export async function verifySessions(databaseUrl: string, sides: SideCheck[]) {
  const client = new Client({ connectionString: databaseUrl, options: '-c app.context=system' });
  await client.connect();
  try {
    const results: CheckResult[] = [];
    for (const side of sides) {
      const result = await client.query<Record<string, number>>(ROWS_SQL, [side.sessionName]);
      const problems = problemsOf(result.rows[0], side.tally);
      results.push({
        sessionName: side.sessionName,
        ok: !problems.length,
        problems,
        rows: result.rows[0],
        unanswered: all(side.tally.unanswered),
      });
    }
    return results;
  } finally {
    await client.end();
  }
}
