import type { Client } from 'graphql-ws';
import { listening, Stream, subscriptionClient } from '../helpers/subscriptions';
import { sessionWizards } from '../fixtures/session-wizards';
import { sessionEvents } from '../../src/events/session-events';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { ACTIVITY, ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

type AnyData = Record<string, any>;

const PROGRESS = `subscription($id: ID!) { sessionProgress(sessionId: $id) {
  cursor type sessionId currentStepId version price progress { stepsDone percent } } }`;
const LIVE_STATS = `subscription($id: ID!) { wizardLiveStats(wizardId: $id) {
  wizardId activeNow startsToday completionsToday abandonRate avgCompletionMinutes } }`;
const WIZARD_ACTIVITY = `subscription($id: ID!) { wizardActivity(wizardId: $id) { id sessionId type } }`;

/** Waits until the server has `count` open streams (so a published event reaches them). */

describe('subscriptions over graphql-ws', () => {
  let db: TestDatabase;
  let server: TestServer;
  let ids: WizardIds;
  let owner: TestAccount;
  let other: TestAccount;
  let admin: TestAccount;
  const clients: Client[] = [];

  const connect = (account: TestAccount) => {
    const client = subscriptionClient(server.port, { authorization: `Bearer ${account.token}` });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    owner = await registerAccount(server, db.dataSource, 'watcher@example.com');
    other = await registerAccount(server, db.dataSource, 'nosy@example.com');
    admin = await registerAccount(server, db.dataSource, 'dashboard@example.com', 'ADMIN');
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server?.stop();
    await db?.drop();
  });

  it("streams a session's transitions in order, after they commit, with cursors", async () => {
    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    const stream = new Stream(connect(owner), PROGRESS, { id: session.id });
    await listening(1);
    ok(await session.submit('start', { pick: { options: ['left'] } }));
    // A refused change publishes nothing.
    const refused = await session.submit('end', { pick: { options: ['e'] } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    ok(await session.submit('left_step', { pick: { options: ['l'] } }));
    await stream.until(() => stream.events.length === 2);
    expect(stream.events.map(({ cursor: _cursor, ...event }) => event)).toEqual([
      {
        type: 'STEP_COMPLETED',
        sessionId: session.id,
        currentStepId: ids.step.left_step,
        version: 2,
        price: '1.00',
        progress: { stepsDone: 1, percent: 33 },
      },
      {
        type: 'STEP_COMPLETED',
        sessionId: session.id,
        currentStepId: ids.step.end,
        version: 3,
        price: '11.00',
        progress: { stepsDone: 2, percent: 66 },
      },
    ]);
    // A client that missed events continues from a cursor with activityLog(after:).
    const after = await server.graphql(
      ACTIVITY,
      { sessionId: session.id, after: stream.events[0].cursor },
      owner.headers,
    );
    expect(ok(after).activityLog.edges.map((edge: AnyData) => edge.cursor)).toEqual([
      stream.events[1].cursor,
    ]);
  });

  it('gives each event the version its change made, even when a later change came first', async () => {
    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    const before = sessionEvents.listenerCount();
    const stream = new Stream(connect(owner), PROGRESS, { id: session.id });
    await listening(before + 1);
    // Two changes in one document: both events are rendered after both have committed.
    const both = await server.graphql(
      `mutation($a: StepAnswersInput!, $b: StepAnswersInput!) {
        a: submitStep(input: $a) { session { version } }
        b: submitStep(input: $b) { session { version } } }`,
      {
        a: session.stepInput('start', { pick: { options: ['left'] } }, 1),
        b: session.stepInput('left_step', { pick: { options: ['l'] } }, 2),
      },
      owner.headers,
    );
    expect(ok(both)).toEqual({ a: { session: { version: 2 } }, b: { session: { version: 3 } } });
    await stream.until(() => stream.events.length === 2);
    expect(
      stream.events.map(({ type, version, currentStepId }) => ({ type, version, currentStepId })),
    ).toEqual([
      // The step and progress are the session's as each event is rendered ("now").
      { type: 'STEP_COMPLETED', version: 2, currentStepId: ids.step.end },
      { type: 'STEP_COMPLETED', version: 3, currentStepId: ids.step.end },
    ]);
  });

  it("refuses another user's session with an error, not a silent stream", async () => {
    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    const stream = new Stream(connect(other), PROGRESS, { id: session.id });
    await stream.until(() => stream.error !== null);
    expect(stream.error?.extensions?.code ?? stream.error?.message).toBe('NOT_FOUND');
  });

  it('ends the stream of a share holder when the share is revoked', async () => {
    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    const shared = ok(
      await server.graphql(
        'mutation($input: ShareSessionInput!) { shareSession(input: $input) { share { id } } }',
        { input: { sessionId: session.id, sharedWithUserId: other.id } },
        owner.headers,
      ),
    ).shareSession.share;
    const before = sessionEvents.listenerCount();
    const stream = new Stream(connect(other), PROGRESS, { id: session.id });
    await listening(before + 1);
    ok(await session.submit('start', { pick: { options: ['right'] } }));
    await stream.until(() => stream.events.length === 1);
    ok(
      await server.graphql(
        'mutation($input: ShareRefInput!) { revokeShare(input: $input) { share { isActive } } }',
        { input: { shareId: shared.id } },
        owner.headers,
      ),
    );
    ok(await session.submit('right_step', { pick: { options: ['r'] } }));
    await stream.until(() => stream.error !== null || stream.done);
    expect(stream.events).toHaveLength(1);
    expect(stream.error?.extensions?.code ?? stream.error?.message).toBe('NOT_FOUND');
  });

  it("streams a wizard's activity rows to authors only", async () => {
    const refused = new Stream(connect(owner), WIZARD_ACTIVITY, { id: ids.wizardId });
    await refused.until(() => refused.error !== null);
    expect(refused.error?.extensions?.code ?? refused.error?.message).toBe('FORBIDDEN');

    const before = sessionEvents.listenerCount();
    const stream = new Stream(connect(admin), WIZARD_ACTIVITY, { id: ids.wizardId });
    await listening(before + 1);
    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    ok(await session.submit('start', { pick: { options: ['left'] } }));
    await stream.until(() => stream.events.length === 2);
    expect(stream.events.map((row) => [row.sessionId, row.type])).toEqual([
      [session.id, 'SESSION_STARTED'],
      [session.id, 'STEP_COMPLETED'],
    ]);
  });

  it("pushes a wizard's live figures on subscribing and after changes, to authors only", async () => {
    const refused = new Stream(connect(owner), LIVE_STATS, { id: ids.wizardId });
    await refused.until(() => refused.error !== null);
    expect(refused.error?.extensions?.code ?? refused.error?.message).toBe('FORBIDDEN');

    const before = sessionEvents.listenerCount();
    const stream = new Stream(connect(admin), LIVE_STATS, { id: ids.wizardId });
    await stream.until(() => stream.events.length === 1);
    await listening(before + 1);
    const first = stream.events[0];
    expect(first).toMatchObject({ wizardId: ids.wizardId, completionsToday: 0, abandonRate: 0 });

    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    for (const [step, option] of [
      ['start', 'left'],
      ['left_step', 'l'],
      ['end', 'e'],
    ])
      ok(await session.submit(step, { pick: { options: [option] } }));
    ok(await session.complete());
    // Changes are coalesced (at most four pushes a second); the last one always arrives.
    await stream.until(() => stream.events.at(-1)?.completionsToday === 1);
    expect(stream.events.at(-1)).toMatchObject({
      startsToday: first.startsToday + 1,
      completionsToday: 1,
      avgCompletionMinutes: '0.00',
    });
    expect(stream.events.length).toBeLessThanOrEqual(6);
  });
});
