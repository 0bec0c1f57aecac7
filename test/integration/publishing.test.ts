import { nextVersion } from '../../src/services/authoring/publishing.service';
import { seedDemoData } from '../../src/seed/seed-demo-data';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { insertWizards } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const LINT = `query($id: ID!) { wizardLint(wizardId: $id) {
  wizardId errorCount warningCount findings { severity code message refs { entity id } } } }`;
const PUBLISH = `mutation($input: PublishWizardInput!) { publishWizard(input: $input) {
  wizard { id version publishedAt } } }`;
const UNPUBLISH = `mutation($input: PublishWizardInput!) { unpublishWizard(input: $input) {
  wizard { id publishedAt } } }`;
const VISIBLE = `query($key: String!) { wizard(key: $key) { id } }`;

const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;

const step = (key: string) => ({
  key,
  name: key,
  optionSets: [{ key: 'pick', name: 'Pick', options: [{ key: 'a', label: 'A' }] }],
});

describe('logic check and publishing', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let user: TestAccount;
  let clean: number;
  let broken: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'publisher@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'reader@example.com');
    [clean, broken] = await insertWizards(db.dataSource, [
      { key: 'clean', name: 'Clean', steps: [step('one'), step('two')] },
      {
        key: 'broken',
        name: 'Broken',
        // two -> one -> two for ever: `three` is unreachable and nothing ever completes.
        steps: [step('one'), step('two'), step('three')],
        flowRules: [
          { from: 'one', to: 'two' },
          { from: 'two', to: 'one' },
        ],
      },
    ]);
    await seedDemoData(db.dataSource);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('reports no findings for a clean wizard, and the findings of a broken one', async () => {
    const ok = await server.graphql(LINT, { id: String(clean) }, admin.headers);
    expect(ok.body.data!.wizardLint).toMatchObject({ errorCount: 0, findings: [] });
    const bad = await server.graphql(LINT, { id: String(broken) }, admin.headers);
    const lint = bad.body.data!.wizardLint;
    expect(lint.errorCount).toBeGreaterThan(0);
    const codes = lint.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['STEP_UNREACHABLE', 'FLOW_LOOP_NO_EXIT']));
    const unreachable = lint.findings.find((f: { code: string }) => f.code === 'STEP_UNREACHABLE');
    expect(unreachable.refs).toEqual([{ entity: 'STEP', id: expect.any(String) }]);
  });

  it('finds no errors in any demo wizard', async () => {
    for (const definition of DEMO_WIZARDS) {
      const [{ wizard_id: id }] = await db.dataSource.query<{ wizard_id: number }[]>(
        'SELECT wizard_id FROM wizards WHERE wizard_key = $1',
        [definition.key],
      );
      const { body } = await server.graphql(LINT, { id: String(id) }, admin.headers);
      expect({ key: definition.key, findings: body.data!.wizardLint.findings }).toEqual({
        key: definition.key,
        findings: [],
      });
    }
  });

  it('refuses to publish while errors remain, changing nothing', async () => {
    const response = await server.graphql(
      PUBLISH,
      { input: { wizardId: String(broken) } },
      admin.headers,
    );
    expect(codeOf(response)).toBe('CONFLICT');
    const findings = response.body.errors![0].extensions!.findings as { severity: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'ERROR')).toBe(true);
    const [row] = await db.dataSource.query<{ published_at: Date | null; version: string }[]>(
      'SELECT published_at, version FROM wizards WHERE wizard_id = $1',
      [broken],
    );
    expect(row).toEqual({ published_at: null, version: '1.0' });
  });

  it('publishes a clean wizard, bumps its version and offers it to users', async () => {
    expect((await server.graphql(VISIBLE, { key: 'clean' }, user.headers)).body.data!.wizard).toBe(
      null,
    );
    const response = await server.graphql(
      PUBLISH,
      { input: { wizardId: String(clean) } },
      admin.headers,
    );
    expect(response.body.data!.publishWizard.wizard).toMatchObject({
      version: '1.1',
      publishedAt: expect.any(String),
    });
    const seen = await server.graphql(VISIBLE, { key: 'clean' }, user.headers);
    expect(seen.body.data!.wizard).toEqual({ id: String(clean) });
    const [entry] = await db.dataSource.query<{ new_values: { version: string } }[]>(
      "SELECT new_values FROM audit_log WHERE wizard_id = $1 AND action = 'PUBLISH'",
      [clean],
    );
    expect(entry.new_values.version).toBe('1.1');
  });

  it('unpublishes: users no longer see it', async () => {
    const response = await server.graphql(
      UNPUBLISH,
      { input: { wizardId: String(clean) } },
      admin.headers,
    );
    expect(response.body.data!.unpublishWizard.wizard.publishedAt).toBeNull();
    expect((await server.graphql(VISIBLE, { key: 'clean' }, user.headers)).body.data!.wizard).toBe(
      null,
    );
  });

  it('refuses the check and publishing to users and anonymous callers', async () => {
    expect(codeOf(await server.graphql(LINT, { id: String(clean) }, user.headers))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.graphql(LINT, { id: String(clean) }))).toBe('UNAUTHENTICATED');
    const input = { input: { wizardId: String(clean) } };
    expect(codeOf(await server.graphql(PUBLISH, input, user.headers))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(UNPUBLISH, input))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(LINT, { id: '999999' }, admin.headers))).toBe('NOT_FOUND');
  });

  it('bumps the last number of a version', () => {
    expect(nextVersion('1.0')).toBe('1.1');
    expect(nextVersion('1.9')).toBe('1.10');
    expect(nextVersion('2')).toBe('3');
    expect(nextVersion('beta')).toBe('1.0');
  });
});
