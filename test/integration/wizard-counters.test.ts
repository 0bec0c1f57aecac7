import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
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
    expect(await counters()).toEqual({
      totalStarts: 200,
      totalCompletions: 100,
      avgCompletionTimeMinutes: 50,
    });
    const [{ left }] = await db.dataSource.query<{ left: number }[]>(
      'SELECT count(*)::int AS left FROM wizard_counter_deltas',
    );
    expect(left).toBe(0);
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
      // The fold after commit waits for the row; the completion itself has committed by then.
      const completing = driver.complete();
      await waitFor(async () => {
        const [{ completed }] = await db.dataSource.query<{ completed: boolean }[]>(
          'SELECT is_completed AS completed FROM wizard_user_sessions WHERE session_id = $1',
          [driver.id],
        );
        return completed;
      });
      await blocker.commitTransaction();
      ok(await completing);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    expect(await counters()).toMatchObject({ totalStarts: 201, totalCompletions: 101 });
  });

  it('folds deltas left behind (a crash between commit and fold) when a server starts', async () => {
    await db.dataSource.query(
      `INSERT INTO wizard_counter_deltas (wizard_id, session_id, starts) VALUES ($1, 0, 3)`,
      [ids.wizardId],
    );
    const before = await counters();
    const second = await startTestServer(db.dataSource);
    try {
      expect(await counters()).toEqual({ ...before, totalStarts: before.totalStarts + 3 });
    } finally {
      await second.stop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never held');
}
