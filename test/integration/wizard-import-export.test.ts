import { canonicalDefinition } from '../../src/definitions/canonical-definition';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { everyFieldWizard } from '../fixtures/every-field-wizard';
import { generateWizard } from '../fixtures/generated-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { insertWizards } from '../helpers/fixtures';
import { dataStatements, QueryRecorder } from '../helpers/query-recorder';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { created, exported, transferClient } from '../helpers/wizard-transfer';

/** A wizard of 2,000 options, dependencies on every step but the first, a rule per step. */
const LARGE = generateWizard(900, { steps: 40, setsPerStep: 5, optionsPerSet: 10 });

/** What a document exports as once stored: its canonical form (see the README). */
const asWritten = (definition: WizardDefinition, key = definition.key) =>
  canonicalDefinition({ ...definition, key });

/** JSON text, to compare documents field order included. */
const text = (document: unknown) => JSON.stringify(document);

describe('wizard export, import and clone round trips', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let client: ReturnType<typeof transferClient>;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
    client = transferClient(server, admin.headers);
    const stored = [...DEMO_WIZARDS, everyFieldWizard, LARGE];
    const storedIds = await insertWizards(db.dataSource, stored);
    stored.forEach((definition, i) => ids.set(definition.key, storedIds[i]));
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  const cases = [...DEMO_WIZARDS, everyFieldWizard, LARGE].map((d) => [d.key, d] as const);

  describe.each(cases)('%s', (key, definition) => {
    it('exports the canonical form of the stored document', async () => {
      expect(await exported(client, ids.get(key)!)).toEqual(asWritten(definition));
    });

    it('exports, imports under another key and exports the identical document again', async () => {
      const first = await exported(client, ids.get(key)!);
      const copy = created(await client.import(first, `${key}-copy`));
      const again = await exported(client, copy.id);
      expect(text(again)).toBe(text({ ...first, key: `${key}-copy` }));
    });

    it('imports the document as written and exports its canonical form', async () => {
      const imported = created(await client.import(definition, `${key}-as-written`));
      expect(await exported(client, imported.id)).toEqual(
        asWritten(definition, `${key}-as-written`),
      );
    });

    it('clones under a new key and name into the same document', async () => {
      const first = await exported(client, ids.get(key)!);
      const clone = created(await client.clone(ids.get(key)!, `${key}-clone`, 'The clone'));
      expect(clone).toMatchObject({ key: `${key}-clone`, name: 'The clone', publishedAt: null });
      const again = await exported(client, clone.id);
      expect(text(again)).toBe(text({ ...first, key: `${key}-clone`, name: 'The clone' }));
    });
  });

  it('stores imports and clones as drafts of the author, whatever the document says', async () => {
    const published = { ...DEMO_WIZARDS[0], published: true };
    const imported = created(await client.import(published, 'published-in-document'));
    expect(imported).toMatchObject({ publishedAt: null, createdById: admin.id, isActive: true });
    const clone = created(await client.clone(ids.get(DEMO_WIZARDS[0].key)!, 'clone-of-published'));
    expect(clone).toMatchObject({ publishedAt: null, createdById: admin.id });
    expect(clone.name).toBe(DEMO_WIZARDS[0].name);
  });

  it('reads a wizard of any size in the same number of statements', async () => {
    const small = await recorder.during(() => client.export(ids.get('tarot_reading')!));
    const large = await recorder.during(() => client.export(ids.get(LARGE.key)!));
    const wizardReads = (statements: string[]) =>
      dataStatements(statements).filter((statement) => /FROM "wizard/.test(statement));
    // The share lock on the wizard, then loadWizardModel's seven statements.
    expect(wizardReads(small)).toHaveLength(8);
    expect(large).toHaveLength(small.length);
  });

  it('answers null for a wizard that does not exist', async () => {
    const response = await client.export(999_999);
    expect(response.body).toEqual({ data: { wizardDefinition: null } });
  });
});
