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
    // Checking the token (two, as the system), the page, the wizards (the wizard field), then
    // selections, skips, owners' guest flags, and the wizards' definition revisions: the
    // definitions themselves are cached (see the definition cache tests).
    expect(one.statements).toHaveLength(2 + 1 + 1 + 3 + 1);
    expect(nine.statements).toHaveLength(one.statements.length);
  });
});
