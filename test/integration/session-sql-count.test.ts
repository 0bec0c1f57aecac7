import { DEMO_WIZARDS } from '../../src/seed/demo';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { dataStatements, QueryRecorder } from '../helpers/query-recorder';
import {
  ok,
  SESSION_FIELDS,
  SessionDriver,
  storeWizards,
  type WizardIds,
} from '../helpers/sessions';
import { linearWizard } from '../fixtures/session-wizards';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const MY_SESSIONS = `query($first: Int) { mySessions(first: $first) {
  edges { node { ${SESSION_FIELDS} wizard { id key } } } } }`;

describe('reading sessions with their computed fields', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let server: TestServer;
  let user: TestAccount;
  let wizards: WizardIds[];

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    server = await startTestServer(db.dataSource);
    wizards = await storeWizards(db.dataSource, DEMO_WIZARDS);
    user = await registerAccount(server, db.dataSource, 'reader@example.com');
    // Eight sessions over the four demo wizards, the newest two on one wizard, one answered.
    for (const ids of [...wizards, ...wizards])
      await new SessionDriver(server, ids, user.headers).start();
    const answered = new SessionDriver(server, wizards[0], user.headers);
    await answered.start();
    ok(await answered.submit('usage', { primary_use: { options: ['gaming'] } }));
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  async function statementsFor(first: number) {
    let sessions: unknown[] = [];
    const statements = await recorder.during(async () => {
      const response = await server.graphql(MY_SESSIONS, { first }, user.headers);
      sessions = ok(response).mySessions.edges;
    });
    return { statements: dataStatements(statements), sessions };
  }

  it('uses the same number of statements for 1 session of 1 wizard as for 9 of 4', async () => {
    const one = await statementsFor(1);
    const nine = await statementsFor(9);
    expect(one.sessions).toHaveLength(1);
    expect(nine.sessions).toHaveLength(9);
    // The page, the wizards (the wizard field), then selections, skips, owners' guest flags, and
    // the wizards' definition revisions: the definitions themselves are cached (see the definition
    // cache tests). The token's check is part of the transaction's opening batch (below).
    expect(one.statements).toHaveLength(1 + 1 + 3 + 1);
    expect(nine.statements).toHaveLength(one.statements.length);
  });
});

describe('writing a session', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let server: TestServer;
  let user: TestAccount;
  let ids: WizardIds;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    server = await startTestServer(db.dataSource);
    [ids] = await storeWizards(db.dataSource, [linearWizard]);
    user = await registerAccount(server, db.dataSource, 'writer@example.com');
    // One session first: the wizard's definition is then cached, as on a running server.
    await new SessionDriver(server, ids, user.headers).start();
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  /** A round trip by what it does, e.g. `INSERT wizard_user_selections`. */
  const kind = (sql: string) => {
    // The opening batch: START, the token's account (read as system work by a statement the
    // connection prepared on its first such request, which sets the viewer's settings), SET
    // LOCAL ROLE. No savepoint: the first write needs none.
    if (
      /^START TRANSACTION; (PREPARE \w+\(int\) AS SELECT .* FROM rls\.token_account\(\$1\) a; )?EXECUTE \w+\('\d+'\); SET LOCAL ROLE \w+$/s.test(
        sql,
      )
    )
      return 'OPEN + token check';
    if (/^(COMMIT|SAVEPOINT|RELEASE|ROLLBACK)\b/.test(sql)) return /^\w+/.exec(sql)![0];
    // A write batch: one statement of data-modifying WITH parts, listed as `A + B + C`.
    if (/^WITH write_0 AS \(/.test(sql))
      return [...sql.matchAll(/write_\d+ AS \(\s*(\w+)\s+(?:INTO\s+|FROM\s+)?"?(\w+)"?/g)]
        .map(([, verb, table]) => `${verb.toUpperCase()} ${table}`)
        .join(' + ');
    // The writer's one read: the session locked, with its answers and what else it needs.
    if (/FROM wizard_user_sessions s\s+WHERE[\s\S]*FOR UPDATE OF s\s*$/.test(sql))
      return 'LOCK wizard_user_sessions';
    const verb = /^\s*(\w+)/.exec(sql)![1].toUpperCase();
    // TypeORM quotes the table it works on; subqueries and raw SQL do not.
    const table =
      /(?:FROM|INTO|UPDATE)\s+"(\w+)"/i.exec(sql)?.[1] ??
      /(?:FROM|INTO|UPDATE)\s+(\w+)/i.exec(sql)?.[1] ??
      '';
    return `${verb} ${table}`.trim();
  };
  /** Every round trip on the request's connections, framing included. */
  const kindsDuring = async (action: () => Promise<unknown>) =>
    (await recorder.during(action)).map(kind);

  it('submits a step in four round trips: open and check the token, lock and read, write three rows, commit', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    const submitted = await kindsDuring(async () =>
      ok(await driver.submit('one', { pick: { options: ['a'] } })),
    );
    expect(submitted).toEqual([
      'OPEN + token check',
      // lock, with the wizard's revision, the owner's guest flag, the selections and skips
      'LOCK wizard_user_sessions',
      // one statement (the parts run on one snapshot; none reads what another writes)
      'INSERT wizard_user_selections + UPDATE wizard_user_sessions + INSERT wizard_session_activity_log',
      'COMMIT', // the write had no savepoint to release
    ]);
  });

  it("hands back each change's session as a fresh read shows it", async () => {
    // The update returns only the columns it sets; the rest come from the locked row.
    const fields = `${SESSION_FIELDS} name description metadata startedAt completedAt lastModified
      expiresAt pausedAt`;
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    const change = async (mutation: string, inputType: string, input: object) => {
      const response = await server.graphql(
        `mutation($input: ${inputType}!) { ${mutation}(input: $input) { session { ${fields} } } }`,
        { input },
        user.headers,
      );
      const written = (ok(response) as Record<string, { session: { version: number } }>)[mutation]
        .session;
      driver.version = written.version;
      const read = await server.graphql(
        `query($id: ID) { session(id: $id) { ${fields} } }`,
        { id: driver.id },
        user.headers,
      );
      expect({ mutation, session: written }).toEqual({ mutation, session: ok(read).session });
    };
    const versioned = () => ({ sessionId: driver.id, expectedVersion: driver.version });
    const answer = (step: string) =>
      driver.stepInput(step, { pick: { options: ['a'] } }, driver.version);
    await change('submitStep', 'StepAnswersInput', answer('one'));
    await change('saveDraft', 'StepAnswersInput', answer('two'));
    await change('submitStep', 'StepAnswersInput', answer('two'));
    await change('goBack', 'SessionVersionInput', versioned());
    await change('pauseSession', 'SessionVersionInput', versioned());
    await change('resumeSession', 'SessionVersionInput', versioned());
    await change('submitStep', 'StepAnswersInput', answer('two'));
    await change('submitStep', 'StepAnswersInput', answer('three'));
    await change('completeSession', 'SessionVersionInput', versioned());
  });

  it('starts and completes without touching the wizard row, in the transaction or after', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    // The counter fold runs on a timer (reads add the deltas not folded yet), after none of them.
    const started = await kindsDuring(() => driver.start());
    expect(started).toEqual([
      'OPEN + token check',
      'SELECT wizards', // the wizard (read path), with its definition revision: the definition is cached
      'INSERT wizard_user_sessions', // its id is the next statement's
      'INSERT wizard_counter_deltas + INSERT wizard_session_activity_log',
      'COMMIT',
    ]);
    for (const step of ['one', 'two', 'three'])
      ok(await driver.submit(step, { pick: { options: ['a'] } }));
    const completed = await kindsDuring(async () => ok(await driver.complete()));
    expect(completed).toEqual([
      'OPEN + token check',
      'LOCK wizard_user_sessions',
      'UPDATE wizard_user_sessions + INSERT wizard_counter_deltas + INSERT wizard_session_activity_log',
      'COMMIT',
    ]);
  });
});
