import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger as OrmLogger } from 'typeorm';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { ok, SESSION, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** What the user types; it must never be found in the database, the logs or another's view. */
const SECRET_TEXT = 'my-private-words-4711';
const SECRET_INPUT = 'my-private-input-0815';
const SECRET_FILE = 'private-scan-2202.pdf';
const SECRET_DRAFT = 'my-private-draft-9999';

const PRIVATE_WIZARD: WizardDefinition = {
  key: 'private-notes',
  name: 'Private notes',
  published: true,
  steps: [
    {
      key: 'about',
      name: 'About you',
      optionSets: [
        {
          key: 'note',
          name: 'Note',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: true,
          options: [],
        },
        {
          key: 'kind',
          name: 'Kind',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [{ key: 'other', label: 'Other', requiresInput: true, price: '5.00' }],
        },
        {
          key: 'scan',
          name: 'Scan',
          selectionType: SelectionType.FILE_UPLOAD,
          isRequired: false,
          options: [],
        },
      ],
    },
    {
      key: 'more',
      name: 'More',
      isRequired: false,
      optionSets: [
        { key: 'extra', name: 'Extra', selectionType: SelectionType.TEXT_INPUT, options: [] },
      ],
    },
  ],
};

/** Every SQL statement with its parameters, as text. */
class ParameterRecorder implements OrmLogger {
  readonly lines: string[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    this.lines.push(`${query} ${JSON.stringify(parameters ?? [])}`);
  }
  logQueryError(error: unknown, query: string, parameters?: unknown[]): void {
    this.lines.push(`${String(error)} ${query} ${JSON.stringify(parameters ?? [])}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

let db: TestDatabase;
let server: TestServer;
let ids: WizardIds;
let owner: TestAccount;
let admin: TestAccount;
const logLines: string[] = [];
const queries = new ParameterRecorder();

beforeAll(async () => {
  db = await createTestDatabase({ logger: queries });
  // The most talkative level, kept in memory: what an operator's log would hold.
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  server = await startTestServer(db.dataSource, {}, pino({ level: 'trace' }, stream));
  [ids] = await storeWizards(db.dataSource, [PRIVATE_WIZARD]);
  owner = await registerAccount(server, db.dataSource, 'private@example.com');
  admin = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe('a session that does not store user data', () => {
  let driver: SessionDriver;

  beforeAll(async () => {
    driver = new SessionDriver(server, ids, owner.headers);
    await driver.start({ storeUserData: false });
    ok(
      await driver.submit('about', {
        note: { value: SECRET_TEXT },
        kind: { options: ['other'], input: { other: SECRET_INPUT } },
        scan: { file: { name: SECRET_FILE, mimeType: 'application/pdf', bytes: 1000 } },
      }),
    );
    ok(await driver.draft('more', { extra: { value: SECRET_DRAFT } }));
    ok(await driver.skip('a private reason'));
  });

  it('keeps typed text only sealed in the database', async () => {
    const rows = await db.dataSource.query<Record<string, unknown>[]>(
      `SELECT selected_value, additional_input, additional_input_encrypted
         FROM wizard_user_selections WHERE session_id = $1 ORDER BY selection_order`,
      [driver.id],
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.selected_value).toBeNull();
      expect(row.additional_input).toBeNull();
      expect(row.additional_input_encrypted).toMatch(/^v1\./);
    }
    const everything = JSON.stringify(
      await db.dataSource.query(
        `SELECT s.*, (SELECT json_agg(x) FROM wizard_user_selections x WHERE x.session_id = s.session_id) sel,
                (SELECT json_agg(k) FROM wizard_step_skips k WHERE k.session_id = s.session_id) skips,
                (SELECT json_agg(a) FROM wizard_session_activity_log a WHERE a.session_id = s.session_id) act
           FROM wizard_user_sessions s WHERE s.session_id = $1`,
        [driver.id],
      ),
    );
    for (const secret of [SECRET_TEXT, SECRET_INPUT, SECRET_FILE, SECRET_DRAFT, 'a private reason'])
      expect(everything).not.toContain(secret);
  });

  it('opens it for the owner', async () => {
    const session = await driver.read();
    const values = session.selections.map((row: Record<string, unknown>) => [
      row.selectedValue,
      row.additionalInput,
    ]);
    expect(values).toEqual([
      [SECRET_TEXT, null],
      [null, { text: SECRET_INPUT }],
      [JSON.stringify({ name: SECRET_FILE, mimeType: 'application/pdf', bytes: 1000 }), null],
    ]);
  });

  it('shows an author the answers without what was typed', async () => {
    const response = await server.graphql(SESSION, { id: driver.id }, admin.headers);
    const text = JSON.stringify(ok(response));
    for (const secret of [SECRET_TEXT, SECRET_INPUT, SECRET_FILE, SECRET_DRAFT])
      expect(text).not.toContain(secret);
    const session = ok(response).session;
    expect(session.selections).toHaveLength(3);
    expect(session.price.total).toBe('5.00');
    expect(session.completion.ok).toBe(true);
  });

  it('never writes it to the logs or the SQL parameters', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(queries.lines.length).toBeGreaterThan(0);
    const logged = logLines.join('\n') + queries.lines.join('\n');
    for (const secret of [SECRET_TEXT, SECRET_INPUT, SECRET_FILE, SECRET_DRAFT])
      expect(logged).not.toContain(secret);
  });

  it('does not open on another session', async () => {
    const other = new SessionDriver(server, ids, owner.headers);
    await other.start({ storeUserData: false });
    await db.dataSource.query(
      `INSERT INTO wizard_user_selections (session_id, step_id, set_id, additional_input_encrypted, selection_order)
       SELECT $1, step_id, set_id, additional_input_encrypted, selection_order
         FROM wizard_user_selections WHERE session_id = $2 AND option_id IS NULL LIMIT 1`,
      [other.id, driver.id],
    );
    const response = await server.graphql(SESSION, { id: other.id }, owner.headers);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(response.body)).not.toContain(SECRET_TEXT);
  });
});

describe('a session that stores user data', () => {
  it('keeps the text in the plain columns, readable by authors', async () => {
    const driver = new SessionDriver(server, ids, owner.headers);
    await driver.start();
    ok(
      await driver.submit('about', {
        note: { value: 'plain words' },
        kind: { options: ['other'], input: { other: 'plain input' } },
      }),
    );
    const rows = await db.dataSource.query<Record<string, unknown>[]>(
      `SELECT selected_value, additional_input, additional_input_encrypted
         FROM wizard_user_selections WHERE session_id = $1 ORDER BY selection_order`,
      [driver.id],
    );
    expect(rows).toEqual([
      { selected_value: 'plain words', additional_input: null, additional_input_encrypted: null },
      {
        selected_value: null,
        additional_input: { text: 'plain input' },
        additional_input_encrypted: null,
      },
    ]);
    const seen = ok(await server.graphql(SESSION, { id: driver.id }, admin.headers)).session;
    expect(seen.currentStep.key).toBe('more');
    expect(seen.selections.map((row: Record<string, unknown>) => row.selectedValue)).toEqual([
      'plain words',
      null,
    ]);
  });
});
