import { Fixture } from '../helpers/authz/fixture';
import { actorsOf, checkCell, keySpecsOf, type OperationEntry } from '../helpers/authz/matrix';
import { ACCOUNT_KEYS, ACCOUNT_ROWS } from '../helpers/authz/rows/accounts';
import { USER_ROWS } from '../helpers/authz/rows/users';
import { WIZARD_ROWS } from '../helpers/authz/rows/wizards';
import { AUTHORING_ROWS } from '../helpers/authz/rows/authoring';
import { ANALYTICS_ROWS, SESSION_ROWS, SHARING_ROWS } from '../helpers/authz/rows/sessions';
import { RUNTIME_ROWS } from '../helpers/authz/rows/session-runtime';
import { OWNER_ROWS } from '../helpers/authz/rows/session-owner';
import { TRANSPORTS } from '../helpers/authz/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Every operation on private data, as every kind of caller, over HTTP and graphql-ws. A row is an
 * OperationEntry (test/helpers/authz/rows/): new operations add rows, nothing else changes.
 */
const ROWS: OperationEntry[] = [
  ...ACCOUNT_ROWS,
  ...USER_ROWS,
  ...WIZARD_ROWS,
  ...AUTHORING_ROWS,
  ...SESSION_ROWS,
  ...RUNTIME_ROWS,
  ...OWNER_ROWS,
  ...SHARING_ROWS,
  ...ANALYTICS_ROWS,
];

describe('authorization matrix', () => {
  let db: TestDatabase;
  let server: TestServer;
  let fx: Fixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    fx = await Fixture.create(db, server, [...ACCOUNT_KEYS, ...keySpecsOf(ROWS)]);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe.each(TRANSPORTS)('over %s', (transport) => {
    describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
      it.each(actorsOf(row))('as %s', (actor) => checkCell(fx, transport, row, actor));
    });
  });
});
