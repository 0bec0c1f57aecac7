import { generateWizard } from '../fixtures/generated-wizards';
import { apiKeyHeaders, registerAccount, type TestAccount } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { codeOf, created, rowCounts, transferClient } from '../helpers/wizard-transfer';

const document = () => generateWizard(2, { steps: 3, setsPerStep: 2, optionsPerSet: 4 });

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: number;
  actor_user_id: number;
  api_key_id: number | null;
  request_id: string | null;
  old_values: unknown;
  new_values: Record<string, unknown>;
}

describe('who may export, import and clone wizards, and the audit trail', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let user: TestAccount;
  let sourceId: string;
  /** Headers of the callers that are refused, by name. */
  const callers: Record<string, Record<string, string>> = {};

  const asCaller = (name: string) => transferClient(server, callers[name]);
  const auditOf = (wizardId: string) =>
    db.dataSource.query<AuditRow[]>('SELECT * FROM audit_log WHERE wizard_id = $1', [wizardId]);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'user@example.com');
    callers.anonymous = {};
    callers.user = user.headers;
    callers.readKey = await apiKeyHeaders(server, admin, ['WIZARDS_READ']);
    callers.writeKey = await apiKeyHeaders(server, admin, ['WIZARDS_WRITE']);
    callers.bothKey = await apiKeyHeaders(server, admin, ['WIZARDS_READ', 'WIZARDS_WRITE']);
    callers.userKey = await apiKeyHeaders(server, user, ['WIZARDS_READ', 'WIZARDS_WRITE']);
    sourceId = created(await transferClient(server, admin.headers).import(document(), 'source')).id;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['user', 'FORBIDDEN'],
    ['writeKey', 'FORBIDDEN'],
    ['userKey', 'FORBIDDEN'],
  ])('refuses to export to %s (%s)', async (caller, code) => {
    const response = await asCaller(caller).export(sourceId);
    expect(codeOf(response)).toBe(code);
    expect(response.body.data?.wizardDefinition ?? null).toBeNull();
  });

  it('exports to an ADMIN and to their key with WIZARDS_READ', async () => {
    const bySession = await transferClient(server, admin.headers).export(sourceId);
    const byKey = await asCaller('readKey').export(sourceId);
    expect(bySession.body.data!.wizardDefinition).toMatchObject({ key: 'source' });
    expect(byKey.body).toEqual(bySession.body);
  });

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['user', 'FORBIDDEN'],
    ['readKey', 'FORBIDDEN'],
    ['userKey', 'FORBIDDEN'],
  ])('refuses to import for %s (%s), writing nothing', async (caller, code) => {
    const before = await rowCounts(db.dataSource);
    expect(codeOf(await asCaller(caller).import(document(), 'refused'))).toBe(code);
    // A caller who may not import learns nothing about the document either.
    expect(codeOf(await asCaller(caller).import({ broken: true }, 'refused'))).toBe(code);
    expect(await rowCounts(db.dataSource)).toEqual(before);
  });

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['user', 'FORBIDDEN'],
    ['readKey', 'FORBIDDEN'],
    // Cloning reads the source as well: a key needs WIZARDS_READ too.
    ['writeKey', 'FORBIDDEN'],
    ['userKey', 'FORBIDDEN'],
  ])('refuses to clone for %s (%s), writing nothing', async (caller, code) => {
    const before = await rowCounts(db.dataSource);
    expect(codeOf(await asCaller(caller).clone(sourceId, 'refused'))).toBe(code);
    expect(await rowCounts(db.dataSource)).toEqual(before);
  });

  it('records one IMPORT row for an import', async () => {
    const wizard = created(
      await transferClient(server, admin.headers).import(document(), 'imported'),
    );
    expect(await auditOf(wizard.id)).toEqual([
      expect.objectContaining({
        action: 'IMPORT',
        entity_type: 'WIZARD',
        entity_id: Number(wizard.id),
        actor_user_id: Number(admin.id),
        api_key_id: null,
        request_id: expect.any(String),
        old_values: null,
        new_values: {
          key: 'imported',
          name: 'Generated wizard 2',
          formatVersion: 1,
          steps: 3,
          optionSets: 6,
          options: 24,
          flowRules: 2,
        },
      }),
    ]);
  });

  it('records one CLONE row naming the source, with the key that made it', async () => {
    const wizard = created(await asCaller('bothKey').clone(sourceId, 'cloned', 'Cloned'));
    const [row, ...others] = await auditOf(wizard.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      action: 'CLONE',
      entity_type: 'WIZARD',
      actor_user_id: Number(admin.id),
    });
    expect(row.api_key_id).not.toBeNull();
    expect(row.new_values).toMatchObject({
      key: 'cloned',
      name: 'Cloned',
      sourceWizardId: Number(sourceId),
      sourceKey: 'source',
      steps: 3,
    });
  });

  it('accepts a key with WIZARDS_WRITE for an import', async () => {
    const wizard = created(await asCaller('writeKey').import(document(), 'via-key'));
    const [row] = await auditOf(wizard.id);
    expect(row).toMatchObject({ action: 'IMPORT', api_key_id: expect.any(Number) });
  });
});
