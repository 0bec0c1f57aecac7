import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { insertWizards } from '../helpers/fixtures';
import { apiKeyHeaders, registerAccount, type TestAccount } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const CREATE_RULE = `mutation($input: CreateFlowRuleInput!) { createFlowRule(input: $input) {
  flowRule { id wizardId fromStepId fromOptionId toStepId conditionType conditionExpression priority } } }`;
const UPDATE_RULE = `mutation($input: UpdateFlowRuleInput!) { updateFlowRule(input: $input) {
  flowRule { id conditionType conditionExpression priority } } }`;
const DELETE_RULE = `mutation($input: DeleteFlowRuleInput!) { deleteFlowRule(input: $input) { deletedId } }`;
const CREATE_OPTION_DEP = `mutation($input: CreateOptionDependencyInput!) {
  createOptionDependency(input: $input) { dependency { id optionId dependsOnStepId dependsOnOptionId type } } }`;
const UPDATE_OPTION_DEP = `mutation($input: UpdateOptionDependencyInput!) {
  updateOptionDependency(input: $input) { dependency { id type } } }`;
const DELETE_OPTION_DEP = `mutation($input: DeleteDependencyInput!) {
  deleteOptionDependency(input: $input) { deletedId } }`;
const CREATE_SET_DEP = `mutation($input: CreateSetDependencyInput!) {
  createSetDependency(input: $input) { dependency { id setId dependsOnStepId dependsOnOptionId type } } }`;
const DELETE_SET_DEP = `mutation($input: DeleteDependencyInput!) { deleteSetDependency(input: $input) { deletedId } }`;

const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;
const problemsOf = (response: GraphQLResponse) =>
  (response.body.errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[];

/** Two wizards: `planner` (three steps; a choice set on each) and `other` (one step). */
const WIZARDS: WizardDefinition[] = [
  {
    key: 'planner',
    name: 'Planner',
    steps: ['start', 'middle', 'end'].map((step) => ({
      key: step,
      name: step,
      optionSets: [
        {
          key: 'choice',
          name: 'Choice',
          selectionType: SelectionType.SINGLE,
          options: [
            { key: 'yes', label: 'Yes', price: '10.00' },
            { key: 'no', label: 'No' },
          ],
        },
        { key: 'note', name: 'Note', selectionType: SelectionType.TEXT_INPUT, options: [] },
      ],
    })),
  },
  {
    key: 'other',
    name: 'Other',
    steps: [
      {
        key: 'only',
        name: 'only',
        optionSets: [{ key: 'choice', name: 'Choice', options: [{ key: 'x', label: 'X' }] }],
      },
    ],
  },
];

describe('authoring flow rules and dependencies', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let user: TestAccount;
  let planner: number;
  /** ids by "step", "step.set" and "step.set.option" in `planner`; "other.*" in `other`. */
  const ids = new Map<string, string>();

  const asAdmin = (query: string, input: Record<string, unknown>) =>
    server.graphql(query, { input }, admin.headers);
  const auditRows = async (entityType: string) =>
    (
      await db.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM audit_log WHERE entity_type = $1',
        [entityType],
      )
    )[0].n;
  const id = (path: string) => ids.get(path)!;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'rules-author@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'rules-user@example.com');
    const [plannerId, otherId] = await insertWizards(db.dataSource, WIZARDS);
    planner = plannerId;
    const rows = await db.dataSource.query<
      { wizard: number; step: string; set: string; option: string | null; ids: number[] }[]
    >(
      `SELECT st.wizard_id AS wizard, st.step_key AS step, s.set_key AS set, o.option_key AS option,
              ARRAY[st.step_id, s.set_id, o.option_id] AS ids
       FROM wizard_steps st JOIN wizard_option_sets s ON s.step_id = st.step_id
       LEFT JOIN wizard_options o ON o.set_id = s.set_id`,
    );
    for (const row of rows) {
      const prefix = row.wizard === otherId ? 'other.' : '';
      ids.set(`${prefix}${row.step}`, String(row.ids[0]));
      ids.set(`${prefix}${row.step}.${row.set}`, String(row.ids[1]));
      if (row.option) ids.set(`${prefix}${row.step}.${row.set}.${row.option}`, String(row.ids[2]));
    }
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('flow rules', () => {
    const rule = (extra: Record<string, unknown> = {}) => ({
      wizardId: String(planner),
      fromStepId: id('start'),
      toStepId: id('end'),
      ...extra,
    });

    it('creates a REQUIRED rule by default, branching on an option, and records it', async () => {
      const before = await auditRows('FLOW_RULE');
      const response = await asAdmin(
        CREATE_RULE,
        rule({ fromOptionId: id('start.choice.yes'), priority: 5 }),
      );
      expect(response.body.data!.createFlowRule.flowRule).toMatchObject({
        conditionType: 'REQUIRED',
        fromOptionId: id('start.choice.yes'),
        priority: 5,
        conditionExpression: null,
      });
      expect(await auditRows('FLOW_RULE')).toBe(before + 1);
    });

    it('type-checks a CONDITIONAL rule against the wizard when saved', async () => {
      const good = await asAdmin(
        CREATE_RULE,
        rule({
          conditionType: 'CONDITIONAL',
          conditionExpression: "'yes' in answers.start.choice && price > 5.0",
        }),
      );
      expect(good.body.errors).toBeUndefined();
      const before = await auditRows('FLOW_RULE');
      for (const expression of [
        "'yes' in answers.nowhere.choice",
        "'yes' in answers.start.missing",
        'answers.start.note > 3',
        'price',
        '(((('.repeat(10),
      ]) {
        const bad = await asAdmin(
          CREATE_RULE,
          rule({ conditionType: 'CONDITIONAL', conditionExpression: expression }),
        );
        expect({ expression, code: codeOf(bad) }).toEqual({ expression, code: 'BAD_USER_INPUT' });
        expect(problemsOf(bad).map((p) => p.field)).toContain('conditionExpression');
      }
      expect(await auditRows('FLOW_RULE')).toBe(before);
    });

    it.each([
      [
        'a CONDITIONAL rule without a condition',
        { conditionType: 'CONDITIONAL' },
        'conditionExpression',
      ],
      [
        'a condition on a REQUIRED rule',
        { conditionExpression: 'price > 1.0' },
        'conditionExpression',
      ],
      ['a target step of another wizard', { toStepId: 'other.only' }, 'toStepId'],
      ['a from-step of another wizard', { fromStepId: 'other.only' }, 'fromStepId'],
      [
        'an option that is not on the from-step',
        { fromOptionId: 'middle.choice.yes' },
        'fromOptionId',
      ],
      ['an unknown option', { fromOptionId: '999999' }, 'fromOptionId'],
      ['an unknown step', { toStepId: '999999' }, 'toStepId'],
      ['a priority past 1000', { priority: 1001 }, 'priority'],
      [
        'a condition over 1,000 characters',
        { conditionType: 'CONDITIONAL', conditionExpression: `price > ${'1'.repeat(1000)}.0` },
        'conditionExpression',
      ],
    ])('refuses %s, naming the field', async (_case, change, field) => {
      const resolved = Object.fromEntries(
        Object.entries(change).map(([key, value]) => [key, ids.get(String(value)) ?? value]),
      );
      const before = await auditRows('FLOW_RULE');
      const response = await asAdmin(CREATE_RULE, rule(resolved));
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(problemsOf(response).map((p) => p.field)).toContain(field);
      expect(await auditRows('FLOW_RULE')).toBe(before);
    });

    it('checks the rule as a whole on update, and deletes it', async () => {
      const created = await asAdmin(CREATE_RULE, rule());
      const ruleId = created.body.data!.createFlowRule.flowRule.id;
      const missing = await asAdmin(UPDATE_RULE, { id: ruleId, conditionType: 'CONDITIONAL' });
      expect(codeOf(missing)).toBe('BAD_USER_INPUT');
      const updated = await asAdmin(UPDATE_RULE, {
        id: ruleId,
        conditionType: 'CONDITIONAL',
        conditionExpression: "'no' in answers.start.choice",
      });
      expect(updated.body.data!.updateFlowRule.flowRule).toMatchObject({
        conditionType: 'CONDITIONAL',
        conditionExpression: "'no' in answers.start.choice",
      });
      expect(codeOf(await asAdmin(UPDATE_RULE, { id: '999999', priority: 1 }))).toBe('NOT_FOUND');
      const deleted = await asAdmin(DELETE_RULE, { id: ruleId });
      expect(deleted.body.data!.deleteFlowRule.deletedId).toBe(ruleId);
      const rows = await db.dataSource.query('SELECT 1 FROM wizard_flow_rules WHERE rule_id = $1', [
        ruleId,
      ]);
      expect(rows).toEqual([]);
    });
  });

  describe('dependencies', () => {
    it('derives the source step and records the dependency', async () => {
      const before = await auditRows('OPTION_DEPENDENCY');
      const response = await asAdmin(CREATE_OPTION_DEP, {
        optionId: id('end.choice.yes'),
        dependsOnOptionId: id('start.choice.yes'),
        type: 'HIDE_IF',
      });
      expect(response.body.data!.createOptionDependency.dependency).toMatchObject({
        dependsOnStepId: id('start'),
        type: 'HIDE_IF',
      });
      expect(await auditRows('OPTION_DEPENDENCY')).toBe(before + 1);
      const duplicate = await asAdmin(CREATE_OPTION_DEP, {
        optionId: id('end.choice.yes'),
        dependsOnOptionId: id('start.choice.yes'),
        type: 'HIDE_IF',
      });
      expect(codeOf(duplicate)).toBe('CONFLICT');
    });

    it.each([
      ['the same step', 'middle.choice.yes', 'middle.choice.no', undefined, 'dependsOnOptionId'],
      ['a later step', 'start.choice.yes', 'end.choice.no', undefined, 'dependsOnOptionId'],
      ['another wizard', 'end.choice.yes', 'other.only.choice.x', undefined, 'dependsOnOptionId'],
      [
        "a step that is not the option's",
        'end.choice.yes',
        'start.choice.no',
        'middle',
        'dependsOnStepId',
      ],
      ['an unknown option', 'end.choice.yes', '999999', undefined, 'dependsOnOptionId'],
    ])('refuses a source on %s', async (_case, target, source, sourceStep, field) => {
      const response = await asAdmin(CREATE_OPTION_DEP, {
        optionId: id(target),
        dependsOnOptionId: ids.get(source) ?? source,
        dependsOnStepId: sourceStep ? id(sourceStep) : undefined,
        type: 'SHOW_IF',
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(problemsOf(response).map((p) => p.field)).toContain(field);
    });

    it('refuses DISABLE_IF on a whole set and accepts the set types', async () => {
      const disable = await asAdmin(CREATE_SET_DEP, {
        setId: id('end.note'),
        dependsOnOptionId: id('start.choice.no'),
        type: 'DISABLE_IF',
      });
      expect(codeOf(disable)).toBe('BAD_USER_INPUT');
      const response = await asAdmin(CREATE_SET_DEP, {
        setId: id('end.note'),
        dependsOnOptionId: id('start.choice.no'),
        type: 'REQUIRE_IF',
      });
      expect(response.body.data!.createSetDependency.dependency).toMatchObject({
        setId: id('end.note'),
        dependsOnStepId: id('start'),
        type: 'REQUIRE_IF',
      });
      const deleted = await asAdmin(DELETE_SET_DEP, {
        id: response.body.data!.createSetDependency.dependency.id,
      });
      expect(deleted.body.errors).toBeUndefined();
    });

    it('updates and deletes an option dependency, checking the new source', async () => {
      const created = await asAdmin(CREATE_OPTION_DEP, {
        optionId: id('middle.choice.no'),
        dependsOnOptionId: id('start.choice.no'),
      });
      const dependencyId = created.body.data!.createOptionDependency.dependency.id;
      const later = await asAdmin(UPDATE_OPTION_DEP, {
        id: dependencyId,
        dependsOnOptionId: id('end.choice.no'),
      });
      expect(codeOf(later)).toBe('BAD_USER_INPUT');
      const retyped = await asAdmin(UPDATE_OPTION_DEP, { id: dependencyId, type: 'DISABLE_IF' });
      expect(retyped.body.data!.updateOptionDependency.dependency.type).toBe('DISABLE_IF');
      const deleted = await asAdmin(DELETE_OPTION_DEP, { id: dependencyId });
      expect(deleted.body.data!.deleteOptionDependency.deletedId).toBe(dependencyId);
    });
  });

  it('refuses anonymous callers, users and API keys without WIZARDS_WRITE', async () => {
    const input = {
      input: { wizardId: String(planner), fromStepId: id('start'), toStepId: id('middle') },
    };
    const readOnly = await apiKeyHeaders(server, admin, ['WIZARDS_READ']);
    expect(codeOf(await server.graphql(CREATE_RULE, input))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(CREATE_RULE, input, user.headers))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(CREATE_RULE, input, readOnly))).toBe('FORBIDDEN');
    const dependency = {
      input: { optionId: id('end.choice.no'), dependsOnOptionId: id('start.choice.yes') },
    };
    expect(codeOf(await server.graphql(CREATE_OPTION_DEP, dependency, user.headers))).toBe(
      'FORBIDDEN',
    );
  });
});
