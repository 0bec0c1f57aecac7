import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import type { Viewer } from '../../src/auth/viewer';
import { SelectionType, UserRole } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { inRequest } from '../helpers/request-database';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ONE_STEP: WizardDefinition = {
  key: 'one-step',
  name: 'One step',
  published: true,
  steps: [
    {
      key: 'only',
      name: 'Only',
      optionSets: [
        {
          key: 'pick',
          name: 'Pick',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [{ key: 'a', label: 'A', price: '1.00' }],
        },
      ],
    },
  ],
};

const COUNTERS = `query($id: ID!) { wizard(id: $id) {
  totalStarts totalCompletions avgCompletionTimeMinutes } }`;

let db: TestDatabase;
let server: TestServer;
let ids: WizardIds;
let user: TestAccount;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.dataSource);
  [ids] = await storeWizards(db.dataSource, [ONE_STEP]);
  user = await registerAccount(server, db.dataSource, 'counter@example.com');
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

async function counters() {
  return ok(await server.graphql(COUNTERS, { id: ids.wizardId }, user.headers)).wizard as {
    totalStarts: number;
    totalCompletions: number;
    avgCompletionTimeMinutes: number | null;
  };
}

describe('Wizard counters', () => {
  it('count 200 concurrent starts and 100 completions exactly, with the exact mean', async () => {
    const drivers = Array.from({ length: 200 }, () => new SessionDriver(server, ids, user.headers));
    await Promise.all(drivers.map((driver) => driver.start()));
    const finishing = drivers.slice(0, 100);
    // Completion times of 0..99 minutes (started that long ago): the mean is 49.5, so 50.
    await Promise.all(
      finishing.map((driver, minutes) =>
        db.dataSource.query(
          `UPDATE wizard_user_sessions SET started_at = now() - make_interval(mins => $2)
            WHERE session_id = $1`,
          [driver.id, minutes],
        ),
      ),
    );
    await Promise.all(
      finishing.map(async (driver) => {
        ok(await driver.submit('only', { pick: { options: ['a'] } }));
        ok(await driver.complete());
      }),
    );
    const exact = { totalStarts: 200, totalCompletions: 100, avgCompletionTimeMinutes: 50 };
    // Counted from each commit on, folded or not.
    expect(await counters()).toEqual(exact);
    // The timer folds every delta into the wizard's row; the counters read the same after.
    await waitFor(async () => (await deltasLeft()) === 0);
    expect(await wizardRow()).toEqual(exact);
    expect(await counters()).toEqual(exact);
  });

  it('takes no lock on the wizard row while a session starts or completes', async () => {
    // Another transaction updates the wizard's row (as the old in-transaction counter update did,
    // and as a fold does): starts and completions still go through.
    const blocker = db.dataSource.createQueryRunner();
    await blocker.startTransaction();
    try {
      await blocker.query('SELECT 1 FROM wizards WHERE wizard_id = $1 FOR NO KEY UPDATE', [
        ids.wizardId,
      ]);
      const driver = new SessionDriver(server, ids, user.headers);
      await driver.start();
      ok(await driver.submit('only', { pick: { options: ['a'] } }));
      // No request waits for a fold (the timer's fold waits for the row, up to its lock timeout).
      const completing = driver.complete();
      await waitFor(async () => {
        const [{ completed }] = await db.dataSource.query<{ completed: boolean }[]>(
          'SELECT is_completed AS completed FROM wizard_user_sessions WHERE session_id = $1',
          [driver.id],
        );
        return completed;
      });
      ok(await completing);
      // Counted while the row is still held, before any fold could take the deltas.
      expect(await counters()).toMatchObject({ totalStarts: 201, totalCompletions: 101 });
      await blocker.commitTransaction();
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    expect(await counters()).toMatchObject({ totalStarts: 201, totalCompletions: 101 });
    await waitFor(async () => (await deltasLeft()) === 0);
    expect(await wizardRow()).toMatchObject({ totalStarts: 201, totalCompletions: 101 });
  });

  it('folds deltas left behind (a crash between commit and fold) when a server starts', async () => {
    await waitFor(async () => (await deltasLeft()) === 0);
    await db.dataSource.query(
      `INSERT INTO wizard_counter_deltas (wizard_id, session_id, starts) VALUES ($1, 0, 3)`,
      [ids.wizardId],
    );
    const before = await counters();
    const row = await wizardRow();
    expect(before.totalStarts).toBe(row.totalStarts + 3);
    const second = await startTestServer(db.dataSource);
    try {
      expect(await deltasLeft()).toBe(0);
      expect(await wizardRow()).toEqual({ ...row, totalStarts: row.totalStarts + 3 });
      expect(await counters()).toEqual(before);
    } finally {
      await second.stop();
    }
  });

  it("lets request work read a delta's counts, not its session, and change nothing", async () => {
    await db.dataSource.query(
      `INSERT INTO wizard_counter_deltas (wizard_id, session_id, starts) VALUES ($1, 0, 1)`,
      [ids.wizardId],
    );
    const reader: Viewer = { kind: 'user', userId: Number(user.id), role: UserRole.USER };
    const asReader = (sql: string) =>
      inRequest(db.dataSource, reader, (rdb) =>
        rdb.transaction((manager) => manager.query<Record<string, number>[]>(sql)),
      );
    const [counts] = await asReader(
      'SELECT sum(starts)::int AS starts FROM wizard_counter_deltas WHERE wizard_id = ' +
        String(ids.wizardId),
    );
    expect(counts.starts).toBeGreaterThanOrEqual(1);
    for (const sql of [
      'SELECT session_id FROM wizard_counter_deltas',
      'SELECT * FROM wizard_counter_deltas',
      'DELETE FROM wizard_counter_deltas',
      'UPDATE wizard_counter_deltas SET starts = 100',
    ]) {
      await expect(asReader(sql)).rejects.toThrow(/permission denied/);
    }
  });
});

/** Counter deltas not folded into their wizard's row yet. */
async function deltasLeft(): Promise<number> {
  const [{ left }] = await db.dataSource.query<{ left: number }[]>(
    'SELECT count(*)::int AS left FROM wizard_counter_deltas',
  );
  return left;
}

/** The counters as the wizard's own row holds them (folded deltas only). */
async function wizardRow() {
  const [row] = await db.dataSource.query<
    { totalStarts: number; totalCompletions: number; avgCompletionTimeMinutes: number | null }[]
  >(
    `SELECT total_starts AS "totalStarts", total_completions AS "totalCompletions",
            avg_completion_time_minutes AS "avgCompletionTimeMinutes"
       FROM wizards WHERE wizard_id = $1`,
    [ids.wizardId],
  );
  return row;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never held');
}
