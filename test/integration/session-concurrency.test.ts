import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import {
  failure,
  ok,
  SessionDriver,
  storeWizards,
  SUBMIT,
  type WizardIds,
} from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { wizardCounts } from '../helpers/wizard-counts';

const TWO_STEPS: WizardDefinition = {
  key: 'two-steps',
  name: 'Two steps',
  published: true,
  steps: ['first', 'second'].map((key) => ({
    key,
    name: key,
    optionSets: [
      {
        key: 'pick',
        name: 'Pick',
        selectionType: SelectionType.SINGLE,
        isRequired: true,
        options: [
          { key: 'a', label: 'A', price: '10.00' },
          { key: 'b', label: 'B', price: '20.00' },
        ],
      },
    ],
  })),
};

let db: TestDatabase;
let server: TestServer;
let ids: WizardIds;
let user: TestAccount;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.dataSource);
  [ids] = await storeWizards(db.dataSource, [TWO_STEPS]);
  user = await registerAccount(server, db.dataSource, 'racer@example.com');
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe('no lost updates', () => {
  it('lets exactly one of 20 concurrent submits at one version through', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    // Twenty clients read version 1 and submit different answers to the first step at once.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.graphql(
          SUBMIT,
          { input: driver.stepInput('first', { pick: { options: [i % 2 ? 'a' : 'b'] } }, 1) },
          user.headers,
        ),
      ),
    );
    const winners = responses.filter((response) => !response.body.errors);
    const losers = responses.filter((response) => response.body.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      const { code, extensions } = failure(loser);
      expect(code).toBe('CONFLICT');
      expect(extensions).toMatchObject({ reason: 'STALE_VERSION', currentVersion: 2 });
    }

    const won = ok(winners[0]).submitStep.session;
    const stored = await driver.read();
    expect(stored.version).toBe(2);
    expect(stored.selections).toHaveLength(1);
    expect(stored.selections[0].optionId).toBe(won.selections[0].optionId);
    expect(stored.price.total).toBe(won.price.total);
    expect(stored.currentStep.key).toBe('second');

    const activity = await driver.activity();
    expect(activity.map((row) => row.type)).toEqual(['SESSION_STARTED', 'STEP_COMPLETED']);
    const [{ count }] = await db.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM wizard_user_selections WHERE session_id = $1',
      [driver.id],
    );
    expect(count).toBe(1);
  });

  it('serializes concurrent starts of one wizard without losing a count', async () => {
    const before = await totalStarts();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => new SessionDriver(server, ids, user.headers).start()),
    );
    expect(new Set(responses.map((session) => session.id)).size).toBe(10);
    expect(await totalStarts()).toBe(before + 10);
  });
});

describe('counting share uses', () => {
  it('lets exactly 5 of 50 concurrent opens of a share with maxUses 5 through', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    const shared = await server.graphql(
      'mutation($input: ShareSessionInput!) { shareSession(input: $input) { shareToken share { id } } }',
      { input: { sessionId: driver.id, maxUses: 5 } },
      user.headers,
    );
    const { shareToken, share } = ok(shared).shareSession;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        server.graphql('query($token: String!) { sharedSession(token: $token) { id } }', {
          token: shareToken,
        }),
      ),
    );
    const opened = responses.filter((response) => !response.body.errors);
    expect(opened).toHaveLength(5);
    for (const response of opened) expect(ok(response).sharedSession.id).toBe(driver.id);
    for (const response of responses.filter((r) => r.body.errors)) {
      expect(failure(response)).toMatchObject({
        code: 'FORBIDDEN',
        extensions: { reason: 'USED_UP' },
      });
    }
    const [row] = await db.dataSource.query<{ use_count: number }[]>(
      'SELECT use_count FROM wizard_session_shares WHERE share_id = $1',
      [share.id],
    );
    expect(row.use_count).toBe(5);
  });
});

async function totalStarts(): Promise<number> {
  const counts = await wizardCounts(db.dataSource);
  return counts.find((row) => row.wizard_key === TWO_STEPS.key)!.total_starts;
}
