import { Client } from 'pg';
import { sessionWizards } from '../fixtures/session-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { failure, ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { ROLLUP_LOCK_KEY } from '../../src/services/analytics/analytics.service';

const DAY = '2026-11-20';
const BEFORE = '2026-11-19';
const AFTER = '2026-11-21';
const ROLLUP = `mutation($date: LocalDate!) { rollupAnalytics(input: { date: $date }) {
  rows { id wizardId date totalStarts totalCompletions totalAbandons avgCompletionTimeMinutes
         mostAbandonedStepId mostTimeSpentStepId uniqueUsers returningUsers } } }`;
const DAILY = `query($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  wizardAnalytics(wizardId: $id, from: $from, to: $to) { date totalStarts totalCompletions totalAbandons } }`;
const FUNNEL = `query($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  wizardFunnel(wizardId: $id, from: $from, to: $to) { stepKey reached completed skipped abandoned } }`;

/**
 * A constructed day on the branching wizard (start → left_step | right_step → end), with every
 * figure worked out by hand:
 * - s0 (u1) started the day before: u1 is a returning user.
 * - s1 (u1) left, completed in 30 minutes.
 * - s2 (u2) right, then stood on `end` and went quiet: abandoned at end.
 * - s3 (u3) left, then stood on `left_step` and went quiet: abandoned at left_step.
 * - s4 (u1) started, still active now: not abandoned.
 */
describe('analytics', () => {
  let db: TestDatabase;
  let server: TestServer;
  let ids: WizardIds;
  let admin: TestAccount;
  let owner: TestAccount;
  const made: SessionDriver[] = [];
  const at = (day: string, time: string) => `${day}T${time}:00Z`;

  async function session(user: TestAccount, moves: [string, string][]): Promise<SessionDriver> {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    for (const [step, option] of moves)
      ok(await driver.submit(step, { pick: { options: [option] } }));
    return driver;
  }

  /** Moves a session's timestamps (and its log and selections) to when the test says. */
  async function place(
    driver: SessionDriver,
    fields: Record<string, string | number>,
    stepSeconds: Record<string, number> = {},
  ) {
    const sets = Object.keys(fields).map((column, i) => `${column} = $${i + 2}`);
    await db.dataSource.query(
      `UPDATE wizard_user_sessions SET ${sets.join(', ')} WHERE session_id = $1`,
      [driver.id, ...Object.values(fields)],
    );
    const started = fields.started_at as string;
    await db.dataSource.query(
      'UPDATE wizard_session_activity_log SET created_at = $2 WHERE session_id = $1',
      [driver.id, started],
    );
    await db.dataSource.query(
      'UPDATE wizard_user_selections SET selected_at = $2, time_spent_seconds = NULL WHERE session_id = $1',
      [driver.id, started],
    );
    for (const [step, seconds] of Object.entries(stepSeconds))
      await db.dataSource.query(
        'UPDATE wizard_user_selections SET time_spent_seconds = $3 WHERE session_id = $1 AND step_id = $2',
        [driver.id, ids.step[step], seconds],
      );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource, { ANALYTICS_MAX_DAYS: '31' });
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    admin = await registerAccount(server, db.dataSource, 'analyst@example.com', 'ADMIN');
    const [u1, u2, u3] = await Promise.all(
      ['u1', 'u2', 'u3'].map((name) =>
        registerAccount(server, db.dataSource, `${name}@example.com`),
      ),
    );
    const s0 = await session(u1, [['start', 'left']]);
    await place(s0, { started_at: at(BEFORE, '09:00'), last_modified: at(BEFORE, '09:05') });
    const s1 = await session(u1, [
      ['start', 'left'],
      ['left_step', 'l'],
      ['end', 'e'],
    ]);
    ok(await s1.complete());
    await place(
      s1,
      {
        started_at: at(DAY, '10:00'),
        completed_at: at(DAY, '10:30'),
        completion_time_minutes: 30,
        last_modified: at(DAY, '10:30'),
      },
      { start: 60, left_step: 300, end: 30 },
    );
    const s2 = await session(u2, [
      ['start', 'right'],
      ['right_step', 'r'],
    ]);
    await place(
      s2,
      { started_at: at(DAY, '11:00'), last_modified: at(DAY, '11:10') },
      { start: 100, right_step: 500 },
    );
    const s3 = await session(u3, [['start', 'left']]);
    await place(
      s3,
      { started_at: at(DAY, '12:00'), last_modified: at(DAY, '12:01') },
      { start: 50 },
    );
    owner = u1;
    const s4 = await session(u1, []);
    made.push(s0, s1, s2, s3, s4);
    await place(s4, { started_at: at(DAY, '13:00') });
    await db.dataSource.query(
      'UPDATE wizard_user_sessions SET last_modified = now() WHERE session_id = $1',
      [s4.id],
    );
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  const rollup = (date: string, headers = admin.headers) =>
    server.graphql(ROLLUP, { date }, headers);

  it('rolls a day up to the figures worked out by hand', async () => {
    const [row] = ok(await rollup(DAY)).rollupAnalytics.rows;
    expect(row).toMatchObject({
      wizardId: ids.wizardId,
      date: DAY,
      totalStarts: 4,
      totalCompletions: 1,
      totalAbandons: 2,
      avgCompletionTimeMinutes: '30.00',
      // One abandon each at left_step and end: the earlier step wins the tie.
      mostAbandonedStepId: ids.step.left_step,
      // start 60 + 100 + 50 = 210 s, left_step 300 s, right_step 500 s, end 30 s.
      mostTimeSpentStepId: ids.step.right_step,
      uniqueUsers: 3,
      returningUsers: 1,
    });
  });

  it('gives the same row when a day is rolled up again', async () => {
    const first = ok(await rollup(DAY)).rollupAnalytics.rows;
    const again = ok(await rollup(DAY)).rollupAnalytics.rows;
    expect(again).toEqual(first);
    const [{ count }] = await db.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM wizard_analytics WHERE analytics_date = $1',
      [DAY],
    );
    expect(count).toBe(1);
  });

  it('fills days without a row with zeros', async () => {
    await rollup(DAY);
    const rows = ok(
      await server.graphql(DAILY, { id: ids.wizardId, from: BEFORE, to: AFTER }, admin.headers),
    ).wizardAnalytics;
    expect(rows).toEqual([
      { date: BEFORE, totalStarts: 0, totalCompletions: 0, totalAbandons: 0 },
      { date: DAY, totalStarts: 4, totalCompletions: 1, totalAbandons: 2 },
      { date: AFTER, totalStarts: 0, totalCompletions: 0, totalAbandons: 0 },
    ]);
  });

  it('counts the funnel per step only for sessions whose path reached it', async () => {
    const steps = ok(
      await server.graphql(FUNNEL, { id: ids.wizardId, from: DAY, to: DAY }, admin.headers),
    ).wizardFunnel;
    expect(steps).toEqual([
      { stepKey: 'start', reached: 4, completed: 3, skipped: 0, abandoned: 0 },
      { stepKey: 'left_step', reached: 2, completed: 1, skipped: 0, abandoned: 1 },
      { stepKey: 'right_step', reached: 1, completed: 1, skipped: 0, abandoned: 0 },
      { stepKey: 'end', reached: 2, completed: 1, skipped: 0, abandoned: 1 },
    ]);
  });

  it('lets one roll-up run at a time (an advisory lock held elsewhere refuses it)', async () => {
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK_KEY]);
      expect(failure(await rollup(DAY)).code).toBe('CONFLICT');
      await other.query('COMMIT');
      ok(await rollup(DAY));
    } finally {
      await other.end();
    }
  });

  it.each([
    ['from after to', DAILY, { from: DAY, to: BEFORE }, 'BAD_USER_INPUT'],
    ['a span over the maximum', DAILY, { from: '2026-01-01', to: DAY }, 'BAD_USER_INPUT'],
    ['a funnel over the maximum', FUNNEL, { from: '2026-01-01', to: DAY }, 'BAD_USER_INPUT'],
    ['a date that does not exist', DAILY, { from: '2026-02-30', to: DAY }, 'BAD_USER_INPUT'],
    ['a malformed date', DAILY, { from: '20 Nov', to: DAY }, 'BAD_USER_INPUT'],
  ])('refuses %s', async (_name, query, range, code) => {
    const response = await server.graphql(query, { id: ids.wizardId, ...range }, admin.headers);
    expect(failure(response).code).toBe(code);
  });

  it('refuses unknown wizards, users, and days to come', async () => {
    const unknown = await server.graphql(
      DAILY,
      { id: '999999', from: DAY, to: DAY },
      admin.headers,
    );
    expect(failure(unknown).code).toBe('NOT_FOUND');
    const user = await registerAccount(server, db.dataSource, 'curious@example.com');
    expect(
      failure(await server.graphql(DAILY, { id: ids.wizardId, from: DAY, to: DAY }, user.headers))
        .code,
    ).toBe('FORBIDDEN');
    expect(failure(await rollup(DAY, user.headers)).code).toBe('FORBIDDEN');
    expect(failure(await rollup('2999-01-01')).code).toBe('BAD_USER_INPUT');
  });

  it('lists session summaries (steps completed of total) to authors, newest first', async () => {
    const SUMMARIES = `query($id: ID!) { sessionSummaries(filter: { wizardId: $id }) {
      edges { node { sessionId stepsCompleted totalSteps isCompleted } } } }`;
    const rows = ok(
      await server.graphql(SUMMARIES, { id: ids.wizardId }, admin.headers),
    ).sessionSummaries.edges.map((edge: { node: unknown }) => edge.node);
    const [s0, s1, s2, s3, s4] = made.map((driver) => driver.id);
    expect(rows).toEqual([
      { sessionId: s4, stepsCompleted: 0, totalSteps: 4, isCompleted: false },
      { sessionId: s3, stepsCompleted: 1, totalSteps: 4, isCompleted: false },
      { sessionId: s2, stepsCompleted: 2, totalSteps: 4, isCompleted: false },
      { sessionId: s1, stepsCompleted: 3, totalSteps: 4, isCompleted: true },
      { sessionId: s0, stepsCompleted: 1, totalSteps: 4, isCompleted: false },
    ]);
    expect(failure(await server.graphql(SUMMARIES, { id: ids.wizardId }, owner.headers)).code).toBe(
      'FORBIDDEN',
    );
    const own = await server.graphql(
      'query($id: ID) { session(id: $id) { summary { stepsCompleted totalSteps } } }',
      { id: s1 },
      owner.headers,
    );
    expect(ok(own).session.summary).toEqual({ stepsCompleted: 3, totalSteps: 4 });
  });
});
