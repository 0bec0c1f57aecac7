import { apiKeyHeaders, registerAccount, type TestAccount } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const CREATE_WIZARD = `mutation($input: CreateWizardInput!) {
  createWizard(input: $input) { wizard { id key name description maxSteps isActive publishedAt createdById } } }`;
const UPDATE_WIZARD = `mutation($input: UpdateWizardInput!) {
  updateWizard(input: $input) { wizard { id key name description maxSteps isFeatured } } }`;
const DELETE_WIZARD = `mutation($input: DeleteWizardInput!) { deleteWizard(input: $input) { deletedId } }`;
const CREATE_STEP = `mutation($input: CreateStepInput!) {
  createStep(input: $input) { step { id key name order wizardId isRequired } } }`;
const UPDATE_STEP = `mutation($input: UpdateStepInput!) { updateStep(input: $input) { step { id key title } } }`;
const DELETE_STEP = `mutation($input: DeleteStepInput!) { deleteStep(input: $input) { deletedId } }`;
const REORDER_STEPS = `mutation($input: ReorderStepsInput!) {
  reorderSteps(input: $input) { steps { id key order } } }`;
const AUDIT_LOG = `query($filter: AuditFilterInput) { auditLog(filter: $filter, first: 50) {
  edges { node { action entityType entityId wizardId actorUserId apiKeyId oldValues newValues } } } }`;

const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;
const fieldsOf = (response: GraphQLResponse) =>
  (response.body.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map(
    (f) => f.field,
  );

describe('authoring wizards and steps', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let user: TestAccount;

  const asAdmin = (query: string, input: Record<string, unknown>) =>
    server.graphql(query, { input }, admin.headers);
  const count = async (sql: string, values: unknown[] = []) =>
    (await db.dataSource.query<{ n: number }[]>(`SELECT (${sql})::int AS n`, values))[0].n;
  const auditCount = () => count('SELECT count(*) FROM audit_log');

  async function newWizard(key: string, extra: Record<string, unknown> = {}) {
    const response = await asAdmin(CREATE_WIZARD, { key, name: `Wizard ${key}`, ...extra });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.createWizard.wizard as { id: string; key: string };
  }
  async function newStep(wizardId: string, key: string, position?: number) {
    const response = await asAdmin(CREATE_STEP, { wizardId, key, name: key, position });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.createStep.step as { id: string; order: number };
  }
  const stepKeys = async (wizardId: string) =>
    (
      await db.dataSource.query<{ step_key: string }[]>(
        'SELECT step_key FROM wizard_steps WHERE wizard_id = $1 ORDER BY step_order',
        [wizardId],
      )
    ).map((row) => row.step_key);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'user@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('createWizard', () => {
    it('creates a draft owned by the author and records it', async () => {
      const response = await asAdmin(CREATE_WIZARD, {
        key: 'bike-builder',
        name: 'Bike builder',
        maxSteps: 5,
      });
      expect(response.body.data!.createWizard.wizard).toMatchObject({
        key: 'bike-builder',
        name: 'Bike builder',
        maxSteps: 5,
        isActive: true,
        publishedAt: null,
        createdById: admin.id,
      });
      const { body } = await server.graphql(
        AUDIT_LOG,
        { filter: { wizardId: response.body.data!.createWizard.wizard.id } },
        admin.headers,
      );
      expect(body.data!.auditLog.edges.map((e: any) => e.node)).toEqual([
        expect.objectContaining({
          action: 'CREATE',
          entityType: 'WIZARD',
          actorUserId: admin.id,
          apiKeyId: null,
          oldValues: null,
          newValues: expect.objectContaining({ key: 'bike-builder', maxSteps: 5 }),
        }),
      ]);
    });

    it.each([
      ['a key with capitals', { key: 'Bad Key' }, 'key'],
      ['a key over 100 characters', { key: 'k'.repeat(101) }, 'key'],
      ['an empty name', { name: '' }, 'name'],
      ['a name over 200 characters', { name: 'n'.repeat(201) }, 'name'],
      ['maxSteps of 0', { maxSteps: 0 }, 'maxSteps'],
      ['a negative time estimate', { estimatedTimeMinutes: -1 }, 'estimatedTimeMinutes'],
      ['a colour over 50 characters', { color: 'c'.repeat(51) }, 'color'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, change, field) => {
      const before = await auditCount();
      const response = await asAdmin(CREATE_WIZARD, { key: 'valid-key', name: 'Valid', ...change });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain(field);
      expect(await count("SELECT count(*) FROM wizards WHERE wizard_key = 'valid-key'")).toBe(0);
      expect(await auditCount()).toBe(before);
    });

    it('refuses a duplicate key with CONFLICT naming the field, writing nothing', async () => {
      await newWizard('taken');
      const before = await auditCount();
      const response = await asAdmin(CREATE_WIZARD, { key: 'taken', name: 'Again' });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].extensions!.field).toBe('key');
      expect(await count("SELECT count(*) FROM wizards WHERE wizard_key = 'taken'")).toBe(1);
      expect(await auditCount()).toBe(before);
    });

    it('refuses anonymous callers, users and API keys without WIZARDS_WRITE', async () => {
      const input = { input: { key: 'nope', name: 'Nope' } };
      const readOnly = await apiKeyHeaders(server, admin, ['WIZARDS_READ']);
      const userKey = await apiKeyHeaders(server, user, ['WIZARDS_WRITE']);
      expect(codeOf(await server.graphql(CREATE_WIZARD, input))).toBe('UNAUTHENTICATED');
      expect(codeOf(await server.graphql(CREATE_WIZARD, input, user.headers))).toBe('FORBIDDEN');
      expect(codeOf(await server.graphql(CREATE_WIZARD, input, readOnly))).toBe('FORBIDDEN');
      expect(codeOf(await server.graphql(CREATE_WIZARD, input, userKey))).toBe('FORBIDDEN');
      expect(await count("SELECT count(*) FROM wizards WHERE wizard_key = 'nope'")).toBe(0);
    });

    it('accepts an API key with WIZARDS_WRITE and records the key in the trail', async () => {
      const key = await apiKeyHeaders(server, admin, ['WIZARDS_WRITE']);
      const response = await server.graphql(
        CREATE_WIZARD,
        { input: { key: 'via-key', name: 'Via key' } },
        key,
      );
      expect(response.body.errors).toBeUndefined();
      const [row] = await db.dataSource.query<{ api_key_id: number | null }[]>(
        "SELECT api_key_id FROM audit_log WHERE new_values->>'key' = 'via-key'",
      );
      expect(row.api_key_id).not.toBeNull();
    });
  });

  describe('updateWizard', () => {
    it('changes only the given fields, clears with null and records the difference', async () => {
      const wizard = await newWizard('to-update', { description: 'old text', isFeatured: false });
      const response = await asAdmin(UPDATE_WIZARD, {
        id: wizard.id,
        name: 'Renamed',
        description: null,
        isFeatured: false,
      });
      expect(response.body.data!.updateWizard.wizard).toMatchObject({
        key: 'to-update',
        name: 'Renamed',
        description: null,
        isFeatured: false,
      });
      const [entry] = await db.dataSource.query<{ old_values: object; new_values: object }[]>(
        "SELECT old_values, new_values FROM audit_log WHERE wizard_id = $1 AND action = 'UPDATE'",
        [wizard.id],
      );
      expect(entry).toEqual({
        old_values: { name: 'Wizard to-update', description: 'old text' },
        new_values: { name: 'Renamed', description: null },
      });
    });

    it('writes no audit row when nothing changes', async () => {
      const wizard = await newWizard('unchanged');
      const before = await auditCount();
      await asAdmin(UPDATE_WIZARD, { id: wizard.id, name: 'Wizard unchanged' });
      expect(await auditCount()).toBe(before);
    });

    it('refuses null for a required field, an unknown id, and maxSteps below the step count', async () => {
      const wizard = await newWizard('guarded');
      await newStep(wizard.id, 'one');
      await newStep(wizard.id, 'two');
      const nullName = await asAdmin(UPDATE_WIZARD, { id: wizard.id, name: null });
      expect(codeOf(nullName)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(nullName)).toContain('name');
      expect(codeOf(await asAdmin(UPDATE_WIZARD, { id: '999999', name: 'x' }))).toBe('NOT_FOUND');
      expect(codeOf(await asAdmin(UPDATE_WIZARD, { id: 'abc', name: 'x' }))).toBe('BAD_USER_INPUT');
      const tooFew = await asAdmin(UPDATE_WIZARD, { id: wizard.id, maxSteps: 1 });
      expect(codeOf(tooFew)).toBe('CONFLICT');
      expect(tooFew.body.errors![0].extensions!.field).toBe('maxSteps');
    });

    it('refuses null for a flag (it would read back as false)', async () => {
      const wizard = await newWizard('flags');
      const response = await asAdmin(UPDATE_WIZARD, { id: wizard.id, isActive: null });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain('isActive');
    });

    it('refuses a key another wizard has', async () => {
      const wizard = await newWizard('rename-me');
      const response = await asAdmin(UPDATE_WIZARD, { id: wizard.id, key: 'taken' });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].extensions!.field).toBe('key');
    });
  });

  describe('deleteWizard', () => {
    it('deletes an unused wizard with its steps and records it', async () => {
      const wizard = await newWizard('short-lived');
      await newStep(wizard.id, 'only');
      const response = await asAdmin(DELETE_WIZARD, { id: wizard.id });
      expect(response.body.data!.deleteWizard.deletedId).toBe(wizard.id);
      expect(
        await count('SELECT count(*) FROM wizard_steps WHERE wizard_id = $1', [wizard.id]),
      ).toBe(0);
      expect(
        await count("SELECT count(*) FROM audit_log WHERE wizard_id = $1 AND action = 'DELETE'", [
          wizard.id,
        ]),
      ).toBe(1);
    });

    it('refuses to delete a wizard that has sessions, leaving it whole', async () => {
      const wizard = await newWizard('in-use');
      await newStep(wizard.id, 'only');
      await db.dataSource.query(
        `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token)
         VALUES ($1, $2, 's', 'in-use-token')`,
        [wizard.id, user.id],
      );
      const response = await asAdmin(DELETE_WIZARD, { id: wizard.id });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].message).toMatch(/deactivate/);
      expect(await count('SELECT count(*) FROM wizards WHERE wizard_id = $1', [wizard.id])).toBe(1);
    });
  });

  describe('steps', () => {
    it('appends steps in order and inserts at a position, moving later steps down', async () => {
      const wizard = await newWizard('ordered');
      await newStep(wizard.id, 'first');
      await newStep(wizard.id, 'third');
      const middle = await newStep(wizard.id, 'second', 2);
      expect(middle.order).toBe(2);
      expect(await stepKeys(wizard.id)).toEqual(['first', 'second', 'third']);
    });

    it.each([
      ['a hyphenated key (conditions name steps)', { key: 'step-one' }, 'key'],
      ['a key starting with a digit', { key: '1step' }, 'key'],
      ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name'],
      ['position 0', { position: 0 }, 'position'],
    ])('refuses %s', async (_case, change, field) => {
      const wizard = await newWizard(`refuse-${field}-${String(Object.values(change)[0]).length}`);
      const response = await asAdmin(CREATE_STEP, {
        wizardId: wizard.id,
        key: 'ok',
        name: 'ok',
        ...change,
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain(field);
      expect(await stepKeys(wizard.id)).toEqual([]);
    });

    it('refuses a position past the end, a duplicate key, and more steps than maxSteps', async () => {
      const wizard = await newWizard('bounded', { maxSteps: 2 });
      await newStep(wizard.id, 'a');
      const far = await asAdmin(CREATE_STEP, {
        wizardId: wizard.id,
        key: 'b',
        name: 'b',
        position: 3,
      });
      expect(codeOf(far)).toBe('BAD_USER_INPUT');
      const duplicate = await asAdmin(CREATE_STEP, { wizardId: wizard.id, key: 'a', name: 'a' });
      expect(codeOf(duplicate)).toBe('CONFLICT');
      expect(duplicate.body.errors![0].extensions!.field).toBe('key');
      await newStep(wizard.id, 'b');
      const third = await asAdmin(CREATE_STEP, { wizardId: wizard.id, key: 'c', name: 'c' });
      expect(codeOf(third)).toBe('CONFLICT');
      expect(await stepKeys(wizard.id)).toEqual(['a', 'b']);
    });

    it('updates a step and records the change', async () => {
      const wizard = await newWizard('step-update');
      const step = await newStep(wizard.id, 'one');
      const response = await asAdmin(UPDATE_STEP, { id: step.id, title: 'Pick one' });
      expect(response.body.data!.updateStep.step).toMatchObject({ key: 'one', title: 'Pick one' });
      expect(
        await count(
          "SELECT count(*) FROM audit_log WHERE entity_type = 'STEP' AND entity_id = $1 AND action = 'UPDATE'",
          [step.id],
        ),
      ).toBe(1);
    });

    it('deletes a step with its outgoing rules and closes the gap in the order', async () => {
      const wizard = await newWizard('step-delete');
      const a = await newStep(wizard.id, 'a');
      const b = await newStep(wizard.id, 'b');
      await newStep(wizard.id, 'c');
      await db.dataSource.query(
        'INSERT INTO wizard_flow_rules (wizard_id, from_step_id, to_step_id) VALUES ($1, $2, $3)',
        [wizard.id, b.id, a.id],
      );
      const response = await asAdmin(DELETE_STEP, { id: b.id });
      expect(response.body.errors).toBeUndefined();
      expect(await stepKeys(wizard.id)).toEqual(['a', 'c']);
      const orders = await db.dataSource.query<{ step_order: number }[]>(
        'SELECT step_order FROM wizard_steps WHERE wizard_id = $1 ORDER BY step_order',
        [wizard.id],
      );
      expect(orders.map((row) => row.step_order)).toEqual([1, 2]);
      expect(
        await count('SELECT count(*) FROM wizard_flow_rules WHERE wizard_id = $1', [wizard.id]),
      ).toBe(0);
    });

    it('refuses to delete a step another rule leads to, or one a session has answered', async () => {
      const wizard = await newWizard('step-keep');
      const a = await newStep(wizard.id, 'a');
      const b = await newStep(wizard.id, 'b');
      await db.dataSource.query(
        'INSERT INTO wizard_flow_rules (wizard_id, from_step_id, to_step_id) VALUES ($1, $2, $3)',
        [wizard.id, a.id, b.id],
      );
      const referenced = await asAdmin(DELETE_STEP, { id: b.id });
      expect(codeOf(referenced)).toBe('CONFLICT');
      expect(referenced.body.errors![0].message).toMatch(/flow rule/);

      const [{ session_id: sessionId }] = await db.dataSource.query<{ session_id: number }[]>(
        `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token, current_step_id)
         VALUES ($1, $2, 's', 'step-keep-token', $3) RETURNING session_id`,
        [wizard.id, user.id, a.id],
      );
      const answered = await asAdmin(DELETE_STEP, { id: a.id });
      expect(codeOf(answered)).toBe('CONFLICT');
      expect(answered.body.errors![0].message).toMatch(/deactivate/);
      expect(await stepKeys(wizard.id)).toEqual(['a', 'b']);
      expect(sessionId).toBeGreaterThan(0);
    });

    it('reorders every step at once and records the old and new order', async () => {
      const wizard = await newWizard('reorder');
      const a = await newStep(wizard.id, 'a');
      const b = await newStep(wizard.id, 'b');
      const c = await newStep(wizard.id, 'c');
      const response = await asAdmin(REORDER_STEPS, {
        wizardId: wizard.id,
        stepIds: [c.id, a.id, b.id],
      });
      expect(response.body.data!.reorderSteps.steps.map((s: any) => s.key)).toEqual([
        'c',
        'a',
        'b',
      ]);
      expect(await stepKeys(wizard.id)).toEqual(['c', 'a', 'b']);
      const [entry] = await db.dataSource.query<{ old_values: any; new_values: any }[]>(
        "SELECT old_values, new_values FROM audit_log WHERE wizard_id = $1 AND action = 'REORDER'",
        [wizard.id],
      );
      expect(entry.old_values.stepIds).toEqual([a.id, b.id, c.id].map(Number));
      expect(entry.new_values.stepIds).toEqual([c.id, a.id, b.id].map(Number));
    });

    it('records nothing when the order does not change', async () => {
      const wizard = await newWizard('reorder-same');
      const a = await newStep(wizard.id, 'a');
      const b = await newStep(wizard.id, 'b');
      const before = await auditCount();
      const response = await asAdmin(REORDER_STEPS, { wizardId: wizard.id, stepIds: [a.id, b.id] });
      expect(response.body.errors).toBeUndefined();
      expect(await auditCount()).toBe(before);
    });

    it.each([
      ['a missing step', (ids: string[]) => ids.slice(1)],
      ['a repeated step', (ids: string[]) => [ids[0], ids[0], ids[1]]],
      ['a step of another wizard', (ids: string[]) => [...ids.slice(1), '1']],
    ])('refuses a reorder with %s, changing nothing', async (_case, mangle) => {
      const wizard = await newWizard(`reorder-bad-${_case.length}`);
      const ids = [
        (await newStep(wizard.id, 'a')).id,
        (await newStep(wizard.id, 'b')).id,
        (await newStep(wizard.id, 'c')).id,
      ];
      const response = await asAdmin(REORDER_STEPS, { wizardId: wizard.id, stepIds: mangle(ids) });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(['stepIds']);
      expect(await stepKeys(wizard.id)).toEqual(['a', 'b', 'c']);
    });
  });

  describe('auditLog', () => {
    it('lists the newest changes first for authors and refuses everyone else', async () => {
      const { body } = await server.graphql(AUDIT_LOG, {}, admin.headers);
      const ids = body.data!.auditLog.edges.map((e: any) => e.node);
      expect(ids.length).toBeGreaterThan(5);
      expect(codeOf(await server.graphql(AUDIT_LOG, {}, user.headers))).toBe('FORBIDDEN');
      expect(codeOf(await server.graphql(AUDIT_LOG, {}))).toBe('UNAUTHENTICATED');
    });

    it('is append-only for the application, even for authors', async () => {
      const asAuthor = (sql: string) =>
        db.dataSource.transaction(async (manager) => {
          await manager.query('SET LOCAL ROLE wizard_app');
          await manager.query(
            `SELECT set_config('app.user_id', $1, true), set_config('app.user_role', 'ADMIN', true)`,
            [admin.id],
          );
          return manager.query(sql);
        });
      await expect(asAuthor("UPDATE audit_log SET action = 'DELETE'")).rejects.toThrow(
        /permission denied/,
      );
      await expect(asAuthor('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
      expect(await asAuthor('SELECT count(*)::int AS n FROM audit_log')).toEqual([
        { n: await auditCount() },
      ]);
    });
  });
});
