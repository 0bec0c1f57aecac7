import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { ANONYMOUS, type Viewer } from '../../src/auth/viewer';
import {
  ConditionType,
  DependencyType,
  SetDependencyType,
  UserRole,
} from '../../src/entities/enums';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { WizardService } from '../../src/services/wizard.service';
import { inRequest } from '../helpers/request-database';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { generateWizard } from '../fixtures/generated-wizards';
import { insertWizards } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const AUTHOR: Viewer = { kind: 'user', userId: 1, role: UserRole.ADMIN };
const PLAIN_USER: Viewer = { kind: 'user', userId: 2, role: UserRole.USER };

/** A small wizard: `steps` steps of one set with one option each. */
function simpleWizard(
  key: string,
  name: string,
  extra: Partial<WizardDefinition> = {},
  steps = 1,
): WizardDefinition {
  return {
    key,
    name,
    published: true,
    steps: Array.from({ length: steps }, (_, s) => ({
      key: `step_${s}`,
      name: `Step ${s}`,
      optionSets: [{ key: 'set', name: 'Set', options: [{ key: 'option', label: 'Option' }] }],
    })),
    ...extra,
  };
}

const choice = (option: string) => ({ step: 's2', set: 'choice', option });

/** Nested rows whose display order will be shuffled away from id order by SQL. */
const TREE: WizardDefinition = {
  key: 'tree',
  name: 'Tree of things',
  category: 'Nested',
  published: true,
  steps: [
    {
      key: 's1',
      name: 'S1',
      optionSets: [
        {
          key: 'setA',
          name: 'Set A',
          options: [
            {
              key: 'o1',
              label: 'O1',
              price: '149',
              dependencies: [
                { type: DependencyType.HIDE_IF, on: choice('c2') },
                { type: DependencyType.REQUIRE_IF, on: choice('c1') },
              ],
            },
            { key: 'o2', label: 'O2', price: '0.5' },
            { key: 'o3', label: 'O3', isActive: false },
            { key: 'o4', label: 'O4', price: '1299.99' },
          ],
        },
        {
          key: 'setB',
          name: 'Set B',
          dependencies: [{ type: SetDependencyType.SHOW_IF, on: choice('c1') }],
          options: [{ key: 'b1', label: 'B1' }],
        },
        { key: 'setC', name: 'Set C', isActive: false, options: [{ key: 'c', label: 'C' }] },
        { key: 'setD', name: 'Set D', options: [{ key: 'd', label: 'D' }] },
      ],
    },
    {
      key: 's2',
      name: 'S2',
      optionSets: [
        {
          key: 'choice',
          name: 'Choice',
          options: [
            { key: 'c1', label: 'C1' },
            { key: 'c2', label: 'C2' },
          ],
        },
      ],
    },
    { key: 's3', name: 'S3', isActive: false, optionSets: [] },
    { key: 's4', name: 'S4', optionSets: [] },
  ],
  flowRules: [
    {
      name: 'conditional',
      from: 's2',
      fromOption: { set: 'choice', option: 'c1' },
      to: 's1',
      conditionType: ConditionType.CONDITIONAL,
      condition: 'total > 100',
      priority: 5,
    },
    { name: 'inactive', from: 's2', to: 's4', priority: 1, isActive: false },
    { name: 'null-active', from: 's4', to: 's1', conditionType: ConditionType.OPTIONAL },
  ],
};

const FIXTURES: WizardDefinition[] = [
  simpleWizard(
    'alpha',
    'Alpha Products',
    { category: 'Products', isFeatured: true, estimatedTimeMinutes: 5 },
    3,
  ),
  simpleWizard('beta', 'Beta Services', { category: 'Services' }),
  simpleWizard('gamma', 'Gamma 50% off', { category: 'Products' }),
  simpleWizard('delta', 'Delta_under', { category: 'Services', isFeatured: true }),
  simpleWizard('epsilon', 'Epsilon plain', { category: 'Products' }),
  simpleWizard('draft', 'Draft wizard', { category: 'Products', published: false }),
  simpleWizard('private', 'Private wizard', { category: 'Products', isPublic: false }),
  simpleWizard('inactive', 'Inactive wizard', { category: 'Products', isActive: false }),
  simpleWizard('nullflags', 'Null flags', { category: 'Services', isFeatured: true }),
  simpleWizard('nullactive', 'Null active flag', { category: 'Hidden' }),
  TREE,
];

const HIDDEN_KEYS = ['draft', 'private', 'inactive', 'nullactive'];
const GENERATED = 20;
const SMALL_SHAPE = { steps: 1, setsPerStep: 1, optionsPerSet: 1 };

const WIZARD_PAGE = `
  query Page($first: Int, $after: String, $filter: WizardFilterInput) {
    wizards(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id key name } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

const WIZARD_ONE = `
  query One($id: ID, $key: String) { wizard(id: $id, key: $key) { id key name } }`;

describe('wizard read API over HTTP', () => {
  let db: TestDatabase;
  let server: TestServer;
  /** Every wizard id by key. */
  const idOf = new Map<string, number>();
  /** Keys an anonymous caller may see, in id order. */
  let visibleKeys: string[];

  const sql = <T = unknown>(text: string, params: unknown[] = []) =>
    db.dataSource.query<T>(text, params);

  /** Id of a row of `table` found by its key column within the tree wizard. */
  async function treeIds(table: 'steps' | 'sets' | 'options'): Promise<Map<string, string>> {
    const query = {
      steps: `SELECT step_id AS id, step_key AS key FROM wizard_steps WHERE wizard_id = $1`,
      sets: `SELECT s.set_id AS id, s.set_key AS key FROM wizard_option_sets s
        JOIN wizard_steps st ON st.step_id = s.step_id WHERE st.wizard_id = $1`,
      options: `SELECT o.option_id AS id, o.option_key AS key FROM wizard_options o
        JOIN wizard_option_sets s ON s.set_id = o.set_id
        JOIN wizard_steps st ON st.step_id = s.step_id WHERE st.wizard_id = $1`,
    }[table];
    const rows = await sql<{ id: number; key: string }[]>(query, [idOf.get('tree')]);
    return new Map(rows.map((row) => [row.key, String(row.id)]));
  }

  async function listAll(
    filter: Record<string, unknown> = {},
    first = 100,
  ): Promise<GraphQLResponse> {
    return server.graphql(WIZARD_PAGE, { first, filter });
  }

  const keysOf = (response: GraphQLResponse): string[] =>
    response.body.data!.wizards.edges.map((edge: any) => edge.node.key);

  beforeAll(async () => {
    db = await createTestDatabase();
    const ids = await insertWizards(db.dataSource, [
      ...FIXTURES,
      ...Array.from({ length: GENERATED }, (_, i) => generateWizard(i, SMALL_SHAPE)),
    ]);
    const definitions = [
      ...FIXTURES,
      ...Array.from({ length: GENERATED }, (_, i) => generateWizard(i, SMALL_SHAPE)),
    ];
    definitions.forEach((definition, index) => idOf.set(definition.key, ids[index]));
    visibleKeys = definitions.map((d) => d.key).filter((key) => !HIDDEN_KEYS.includes(key));

    // NULL in a value column reads as its default; a NULL flag is off (as the seed's views test it).
    await sql(
      `UPDATE wizards SET is_featured = NULL, allow_save_progress = NULL, version = NULL,
         total_starts = NULL
       WHERE wizard_key = 'nullflags'`,
    );
    await sql(
      `UPDATE wizards SET is_active = NULL, is_public = NULL WHERE wizard_key = 'nullactive'`,
    );
    // alpha: its last step inactive, so it has 2 active steps of 3.
    await sql(
      `UPDATE wizard_steps SET is_active = false WHERE wizard_id = $1 AND step_key = 'step_2'`,
      [idOf.get('alpha')],
    );

    // Tree: display order differs from id order at every level; NULL is_active rows.
    const steps = await treeIds('steps');
    const sets = await treeIds('sets');
    const options = await treeIds('options');
    const order = async (table: string, idColumn: string, orderColumn: string, ids: string[]) => {
      for (const [position, id] of ids.entries()) {
        await sql(`UPDATE ${table} SET ${orderColumn} = $1 WHERE ${idColumn} = $2`, [position, id]);
      }
    };
    await order('wizard_steps', 'step_id', 'step_order', [
      steps.get('s3')!,
      steps.get('s2')!,
      steps.get('s4')!,
      steps.get('s1')!,
    ]);
    await order('wizard_option_sets', 'set_id', 'set_order', [
      sets.get('setC')!,
      sets.get('setB')!,
      sets.get('setD')!,
      sets.get('setA')!,
    ]);
    await order('wizard_options', 'option_id', 'option_order', [
      options.get('o3')!,
      options.get('o2')!,
      options.get('o4')!,
      options.get('o1')!,
    ]);
    await sql('UPDATE wizard_steps SET is_active = NULL WHERE step_id = $1', [steps.get('s4')]);
    await sql('UPDATE wizard_option_sets SET is_active = NULL WHERE set_id = $1', [
      sets.get('setD'),
    ]);
    await sql(
      'UPDATE wizard_options SET is_active = NULL, is_default = NULL WHERE option_id = $1',
      [options.get('o4')],
    );
    await sql(`UPDATE wizard_flow_rules SET is_active = NULL WHERE rule_name = 'null-active'`);

    server = await startTestServer(db.dataSource);
    author = await registerAccount(server, db.dataSource, 'tree-author@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'tree-user@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });
  let author: TestAccount;
  let user: TestAccount;

  describe('visibility', () => {
    it('lists only active, public and published wizards to anonymous callers', async () => {
      const response = await listAll();
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      const keys = keysOf(response);
      expect(keys).toEqual(visibleKeys);
      for (const hidden of HIDDEN_KEYS) expect(keys).not.toContain(hidden);
    });

    it('treats NULL is_active and is_public flags as off', async () => {
      expect(keysOf(await listAll())).not.toContain('nullactive');
    });

    it.each(HIDDEN_KEYS)('returns null for the hidden wizard %s by id and by key', async (key) => {
      const byId = await server.graphql(WIZARD_ONE, { id: String(idOf.get(key)) });
      expect(byId.body.errors).toBeUndefined();
      expect(byId.body.data!.wizard).toBeNull();
      const byKey = await server.graphql(WIZARD_ONE, { key });
      expect(byKey.body.errors).toBeUndefined();
      expect(byKey.body.data!.wizard).toBeNull();
    });

    it('returns a visible wizard by id and by key', async () => {
      const id = String(idOf.get('alpha'));
      const byId = await server.graphql(WIZARD_ONE, { id });
      expect(byId.body.data!.wizard).toEqual({ id, key: 'alpha', name: 'Alpha Products' });
      const byKey = await server.graphql(WIZARD_ONE, { key: 'alpha' });
      expect(byKey.body.data!.wizard).toEqual({ id, key: 'alpha', name: 'Alpha Products' });
    });

    it('returns null for an unknown id', async () => {
      const response = await server.graphql(WIZARD_ONE, { id: '2147483647' });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.wizard).toBeNull();
    });

    it('returns null for an unknown key', async () => {
      const response = await server.graphql(WIZARD_ONE, { key: 'no-such-wizard' });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.wizard).toBeNull();
    });
  });

  describe('wizard(id:, key:) arguments', () => {
    it('refuses both id and key with BAD_USER_INPUT', async () => {
      const response = await server.graphql(WIZARD_ONE, {
        id: String(idOf.get('alpha')),
        key: 'alpha',
      });
      expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.body.data?.wizard ?? null).toBeNull();
    });

    it('refuses a malformed id written inline in the query', async () => {
      const response = await server.graphql('{ wizard(id: "abc") { id } }');
      expect(response.status).toBe(200);
      expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.body.data).toEqual({ wizard: null });
    });

    it('refuses a key longer than the column allows', async () => {
      const response = await server.graphql(WIZARD_ONE, { key: 'k'.repeat(101) });
      expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].extensions?.fields).toEqual([
        expect.objectContaining({ field: 'key' }),
      ]);
    });

    it('refuses neither id nor key with BAD_USER_INPUT', async () => {
      const response = await server.graphql(WIZARD_ONE, {});
      expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it.each(['abc', '0', '99999999999', '-1', '1.5', ' 1'])(
      'refuses the malformed id %p with BAD_USER_INPUT',
      async (id) => {
        const response = await server.graphql(WIZARD_ONE, { id });
        expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.body.errors?.[0].extensions?.fields).toEqual([
          expect.objectContaining({ field: 'id' }),
        ]);
      },
    );
  });

  describe('pagination', () => {
    it('orders by id and limits the page to first', async () => {
      const response = await server.graphql(WIZARD_PAGE, { first: 3 });
      expect(response.body.errors).toBeUndefined();
      const { edges, pageInfo } = response.body.data!.wizards;
      expect(edges.map((e: any) => e.node.key)).toEqual(visibleKeys.slice(0, 3));
      const ids = edges.map((e: any) => Number(e.node.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: edges[0].cursor,
        endCursor: edges[2].cursor,
      });
    });

    it('uses the default page size of 20 when first is not given', async () => {
      const response = await server.graphql(WIZARD_PAGE, {});
      expect(response.body.data!.wizards.edges).toHaveLength(20);
      expect(response.body.data!.wizards.pageInfo.hasNextPage).toBe(true);
    });

    it('visits every visible wizard exactly once when walking all pages with after', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const response: GraphQLResponse = await server.graphql(WIZARD_PAGE, { first: 4, after });
        expect(response.body.errors).toBeUndefined();
        const { edges, pageInfo } = response.body.data!.wizards;
        pages += 1;
        expect(pageInfo.hasPreviousPage).toBe(after !== null);
        if (edges.length > 0) {
          expect(pageInfo.startCursor).toBe(edges[0].cursor);
          expect(pageInfo.endCursor).toBe(edges[edges.length - 1].cursor);
        }
        seen.push(...edges.map((e: any) => e.node.key));
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
        expect(pages).toBeLessThan(50);
      }
      expect(seen).toEqual(visibleKeys);
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.ceil(visibleKeys.length / 4));
    });

    it('reports no next page and null cursors on an empty page', async () => {
      const response = await server.graphql(WIZARD_PAGE, {
        first: 5,
        filter: { category: 'No such category' },
      });
      expect(response.body.data!.wizards).toEqual({
        edges: [],
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
      });
    });

    it('has no next page when the last page is exactly full', async () => {
      const response = await server.graphql(WIZARD_PAGE, { first: visibleKeys.length });
      expect(response.body.data!.wizards.edges).toHaveLength(visibleKeys.length);
      expect(response.body.data!.wizards.pageInfo.hasNextPage).toBe(false);
    });

    it.each([0, -1, 101])('refuses first: %p with BAD_USER_INPUT on field first', async (first) => {
      const response = await server.graphql(WIZARD_PAGE, { first });
      const error = response.body.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((error?.extensions?.fields as any[])[0].field).toBe('first');
    });

    it('accepts first: 100, the maximum', async () => {
      const response = await server.graphql(WIZARD_PAGE, { first: 100 });
      expect(response.body.errors).toBeUndefined();
    });

    it.each([
      ['a word', 'nope'],
      ['a cursor of another kind', Buffer.from('step:1').toString('base64')],
      ['a 200-character string', 'x'.repeat(200)],
      ['an empty string', ''],
      ['a wizard cursor with a non-numeric id', Buffer.from('wizard:abc').toString('base64url')],
    ])('refuses %s as a cursor with BAD_USER_INPUT', async (_what, after) => {
      const response = await server.graphql(WIZARD_PAGE, { first: 2, after });
      expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('filters', () => {
    it('filters by exact category', async () => {
      expect(keysOf(await listAll({ category: 'Products' }))).toEqual([
        'alpha',
        'gamma',
        'epsilon',
      ]);
      expect(keysOf(await listAll({ category: 'products' }))).toEqual([]);
    });

    it('filters featured wizards', async () => {
      expect(keysOf(await listAll({ featured: true }))).toEqual(['alpha', 'delta']);
    });

    it('lists a wizard whose is_featured is NULL (shown as false) under featured: false', async () => {
      const notFeatured = keysOf(await listAll({ featured: false }));
      expect(notFeatured).toEqual(visibleKeys.filter((key) => !['alpha', 'delta'].includes(key)));
      expect(notFeatured).toContain('nullflags');
    });

    it('searches names case-insensitively by substring', async () => {
      expect(keysOf(await listAll({ search: 'PRODUCTS' }))).toEqual(['alpha']);
      expect(keysOf(await listAll({ search: 'ta_Un' }))).toEqual(['delta']);
      expect(keysOf(await listAll({ search: 'generated wizard 1' }))).toEqual([
        'generated-1',
        'generated-10',
        'generated-11',
        'generated-12',
        'generated-13',
        'generated-14',
        'generated-15',
        'generated-16',
        'generated-17',
        'generated-18',
        'generated-19',
      ]);
    });

    it('matches % in a search literally', async () => {
      expect(keysOf(await listAll({ search: '%' }))).toEqual(['gamma']);
      expect(keysOf(await listAll({ search: '50%' }))).toEqual(['gamma']);
    });

    it('matches _ in a search literally', async () => {
      expect(keysOf(await listAll({ search: '_' }))).toEqual(['delta']);
    });

    it('matches a backslash in a search literally', async () => {
      expect(keysOf(await listAll({ search: '\\' }))).toEqual([]);
    });

    it('combines filters with AND', async () => {
      expect(keysOf(await listAll({ category: 'Products', featured: true }))).toEqual(['alpha']);
      expect(keysOf(await listAll({ category: 'Services', search: 'delta' }))).toEqual(['delta']);
      expect(keysOf(await listAll({ category: 'Products', featured: false }))).toEqual([
        'gamma',
        'epsilon',
      ]);
      expect(keysOf(await listAll({ category: 'Products', search: 'beta' }))).toEqual([]);
    });

    it('paginates inside a filter', async () => {
      const first = await server.graphql(WIZARD_PAGE, {
        first: 2,
        filter: { category: 'Products' },
      });
      expect(keysOf(first)).toEqual(['alpha', 'gamma']);
      expect(first.body.data!.wizards.pageInfo.hasNextPage).toBe(true);
      const second = await server.graphql(WIZARD_PAGE, {
        first: 2,
        filter: { category: 'Products' },
        after: first.body.data!.wizards.pageInfo.endCursor,
      });
      expect(keysOf(second)).toEqual(['epsilon']);
      expect(second.body.data!.wizards.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses a search longer than 100 characters with a filter.search field problem', async () => {
      const response = await listAll({ search: 'a'.repeat(101) });
      const error = response.body.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.fields).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'filter.search' })]),
      );
    });

    it('accepts a search of exactly 100 characters', async () => {
      const response = await listAll({ search: 'a'.repeat(100) });
      expect(response.body.errors).toBeUndefined();
      expect(keysOf(response)).toEqual([]);
    });

    it('gives anonymous callers nothing for active: false or public: false', async () => {
      expect(keysOf(await listAll({ active: false }))).toEqual([]);
      expect(keysOf(await listAll({ public: false }))).toEqual([]);
      expect(keysOf(await listAll({ active: true, public: true }))).toEqual(visibleKeys);
    });
  });

  describe('WizardService for authors', () => {
    let service: WizardService;
    const keys = async (viewer: Viewer, filter: Record<string, unknown> = {}) =>
      (
        await inRequest(db.dataSource, viewer, (rdb) => service.list(rdb, filter, { first: 100 }))
      ).edges.map((edge) => edge.node.key);

    const findOne = (viewer: Viewer, by: { key: string }) =>
      inRequest(db.dataSource, viewer, (rdb) => service.findOne(rdb, by));

    beforeAll(() => {
      service = new WizardService(db.dataSource, { pageSizeDefault: 20, pageSizeMax: 100 });
    });

    it('shows authors drafts, private and inactive wizards', async () => {
      const all = await keys(AUTHOR);
      expect(all).toHaveLength(FIXTURES.length + GENERATED);
      expect(all).toEqual(expect.arrayContaining(HIDDEN_KEYS));
    });

    it('narrows an author listing with active', async () => {
      expect(await keys(AUTHOR, { active: false })).toEqual(['inactive', 'nullactive']);
      const active = await keys(AUTHOR, { active: true });
      expect(active).not.toContain('inactive');
      expect(active).toEqual(expect.arrayContaining(['draft', 'private', 'nullflags']));
    });

    it('narrows an author listing with public', async () => {
      expect(await keys(AUTHOR, { public: false })).toEqual(['private', 'nullactive']);
      const isPublic = await keys(AUTHOR, { public: true });
      expect(isPublic).not.toContain('private');
      expect(isPublic).toEqual(expect.arrayContaining(['draft', 'inactive', 'nullflags']));
    });

    it('combines author filters', async () => {
      expect(await keys(AUTHOR, { active: true, public: true, category: 'Products' })).toEqual([
        'alpha',
        'gamma',
        'epsilon',
        'draft',
      ]);
    });

    it('finds a draft by key for an author but not for others', async () => {
      expect((await findOne(AUTHOR, { key: 'draft' }))?.key).toBe('draft');
      expect(await findOne(ANONYMOUS, { key: 'draft' })).toBeNull();
      expect(await findOne(PLAIN_USER, { key: 'draft' })).toBeNull();
    });

    it('treats a USER-role viewer like an anonymous one', async () => {
      expect(await keys(PLAIN_USER)).toEqual(visibleKeys);
      expect(await keys(PLAIN_USER, { active: false })).toEqual([]);
    });

    it('yields nothing for an anonymous viewer asking for inactive wizards', async () => {
      expect(await keys(ANONYMOUS, { active: false })).toEqual([]);
    });
  });

  describe('nested rows', () => {
    const TREE_QUERY = `
      query Tree($inactive: Boolean!) {
        wizard(key: "tree") {
          steps(includeInactive: $inactive) {
            key order isActive
            optionSets(includeInactive: $inactive) {
              key order isActive
              dependencies { id setId type dependsOnStepId dependsOnOptionId }
              options(includeInactive: $inactive) {
                key order isActive isDefault price
                dependencies { id optionId type dependsOnStepId dependsOnOptionId }
              }
            }
          }
          flowRules(includeInactive: $inactive) {
            name fromStepId fromOptionId toStepId conditionType conditionExpression priority isActive
          }
        }
      }`;

    // Inactive rows are for authors; the tree itself is public.
    async function tree(inactive: boolean) {
      const response = await server.graphql(TREE_QUERY, { inactive }, author.headers);
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.wizard;
    }
    const stepOne = (wizard: any) => wizard.steps.find((s: any) => s.key === 's1');
    const setA = (wizard: any) => stepOne(wizard).optionSets.find((s: any) => s.key === 'setA');

    it('refuses includeInactive to anyone but authors, at any depth', async () => {
      for (const headers of [undefined, user.headers]) {
        for (const query of [
          '{ wizard(key: "tree") { steps(includeInactive: true) { key } } }',
          '{ wizard(key: "tree") { steps { optionSets(includeInactive: true) { key } } } }',
          '{ wizard(key: "tree") { steps { optionSets { options(includeInactive: true) { key } } } } }',
          '{ wizard(key: "tree") { flowRules(includeInactive: true) { id } } }',
        ]) {
          const { body } = await server.graphql(query, {}, headers);
          expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        }
      }
      const { body } = await server.graphql(TREE_QUERY, { inactive: false });
      expect(body.errors).toBeUndefined();
    });

    it('lists active steps by step order, not by id', async () => {
      const wizard = await tree(false);
      expect(wizard.steps.map((s: any) => s.key)).toEqual(['s2', 's1']);
    });

    it('lists inactive steps too with includeInactive', async () => {
      const wizard = await tree(true);
      expect(wizard.steps.map((s: any) => [s.key, s.isActive])).toEqual([
        ['s3', false],
        ['s2', true],
        ['s4', false],
        ['s1', true],
      ]);
    });

    it('lists option sets by set order and hides inactive ones by default', async () => {
      expect(stepOne(await tree(false)).optionSets.map((s: any) => s.key)).toEqual([
        'setB',
        'setA',
      ]);
      expect(stepOne(await tree(true)).optionSets.map((s: any) => s.key)).toEqual([
        'setC',
        'setB',
        'setD',
        'setA',
      ]);
    });

    it('lists options by option order and hides inactive ones by default', async () => {
      expect(setA(await tree(false)).options.map((o: any) => o.key)).toEqual(['o2', 'o1']);
      expect(setA(await tree(true)).options.map((o: any) => o.key)).toEqual([
        'o3',
        'o2',
        'o4',
        'o1',
      ]);
    });

    it('reads is_active NULL as inactive at every level, as v_wizard_overview does', async () => {
      const active = await tree(false);
      expect(active.steps.map((s: any) => s.key)).not.toContain('s4');
      expect(stepOne(active).optionSets.map((s: any) => s.key)).not.toContain('setD');
      expect(setA(active).options.map((o: any) => o.key)).not.toContain('o4');
      expect(active.flowRules.map((r: any) => r.name)).not.toContain('null-active');
      const all = await tree(true);
      expect(all.steps.find((s: any) => s.key === 's4').isActive).toBe(false);
      expect(stepOne(all).optionSets.find((s: any) => s.key === 'setD').isActive).toBe(false);
      expect(setA(all).options.find((o: any) => o.key === 'o4').isActive).toBe(false);
      expect(all.flowRules.find((r: any) => r.name === 'null-active').isActive).toBe(false);
    });

    it('exposes the order column values', async () => {
      const wizard = await tree(true);
      expect(wizard.steps.map((s: any) => s.order)).toEqual([0, 1, 2, 3]);
      expect(setA(wizard).options.map((o: any) => o.order)).toEqual([0, 1, 2, 3]);
    });

    it('serializes prices as strings with two decimals', async () => {
      const options = setA(await tree(true)).options;
      const price = (key: string) => options.find((o: any) => o.key === key).price;
      expect(price('o1')).toBe('149.00');
      expect(price('o2')).toBe('0.50');
      expect(price('o3')).toBe('0.00');
      expect(price('o4')).toBe('1299.99');
    });

    it('reads NULL booleans on options as the column default', async () => {
      const o4 = setA(await tree(true)).options.find((o: any) => o.key === 'o4');
      expect(o4.isDefault).toBe(false);
    });

    it('lists option dependencies with their type and source option', async () => {
      const options = await treeIds('options');
      const steps = await treeIds('steps');
      const o1 = setA(await tree(false)).options.find((o: any) => o.key === 'o1');
      expect(o1.dependencies).toEqual([
        {
          id: expect.any(String),
          optionId: options.get('o1'),
          type: 'HIDE_IF',
          dependsOnStepId: steps.get('s2'),
          dependsOnOptionId: options.get('c2'),
        },
        {
          id: expect.any(String),
          optionId: options.get('o1'),
          type: 'REQUIRE_IF',
          dependsOnStepId: steps.get('s2'),
          dependsOnOptionId: options.get('c1'),
        },
      ]);
      const o2 = setA(await tree(false)).options.find((o: any) => o.key === 'o2');
      expect(o2.dependencies).toEqual([]);
    });

    it('lists option-set dependencies with their type and source option', async () => {
      const options = await treeIds('options');
      const steps = await treeIds('steps');
      const sets = await treeIds('sets');
      const wizard = await tree(false);
      const setB = stepOne(wizard).optionSets.find((s: any) => s.key === 'setB');
      expect(setB.dependencies).toEqual([
        {
          id: expect.any(String),
          setId: sets.get('setB'),
          type: 'SHOW_IF',
          dependsOnStepId: steps.get('s2'),
          dependsOnOptionId: options.get('c1'),
        },
      ]);
      expect(setA(wizard).dependencies).toEqual([]);
    });

    it('exposes flow rule endpoints, condition and priority; inactive rules only on request', async () => {
      const steps = await treeIds('steps');
      const options = await treeIds('options');
      const conditional = {
        name: 'conditional',
        fromStepId: steps.get('s2'),
        fromOptionId: options.get('c1'),
        toStepId: steps.get('s1'),
        conditionType: 'CONDITIONAL',
        conditionExpression: 'total > 100',
        priority: 5,
        isActive: true,
      };
      const inactive = {
        name: 'inactive',
        fromStepId: steps.get('s2'),
        fromOptionId: null,
        toStepId: steps.get('s4'),
        conditionType: 'REQUIRED',
        conditionExpression: null,
        priority: 1,
        isActive: false,
      };
      const nullActive = {
        name: 'null-active',
        fromStepId: steps.get('s4'),
        fromOptionId: null,
        toStepId: steps.get('s1'),
        conditionType: 'OPTIONAL',
        conditionExpression: null,
        priority: 0,
        isActive: false,
      };
      expect((await tree(false)).flowRules).toEqual([conditional]);
      expect((await tree(true)).flowRules).toEqual([conditional, inactive, nullActive]);
    });
  });

  describe('overview counts and defaults', () => {
    const COUNTS = `
      query Counts($key: String!) {
        wizard(key: $key) {
          totalSteps totalTemplates isFeatured isActive isPublic allowSaveProgress version
          totalStarts steps { key }
        }
      }`;
    const counts = async (key: string) => (await server.graphql(COUNTS, { key })).body.data!.wizard;

    beforeAll(async () => {
      const [user] = await sql<{ user_id: number }[]>(
        `INSERT INTO users (email, password_hash) VALUES ('author@example.com', 'x')
         RETURNING user_id`,
      );
      const [session] = await sql<{ session_id: number }[]>(
        `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token)
         VALUES ($1, $2, 'session', 'token-1') RETURNING session_id`,
        [idOf.get('alpha'), user.user_id],
      );
      templateOwner = user.user_id;
      for (const [name, isPublic] of [
        ['public template', true],
        ['private template', false],
      ]) {
        await sql(
          `INSERT INTO wizard_session_templates
             (wizard_id, original_session_id, user_id, template_name, config_json, is_public)
           VALUES ($1, $2, $3, $4, '{}'::jsonb, $5)`,
          [idOf.get('alpha'), session.session_id, user.user_id, name, isPublic],
        );
      }
    });
    let templateOwner: number;

    it('counts active steps only in totalSteps', async () => {
      const alpha = await counts('alpha');
      expect(alpha.steps).toHaveLength(2);
      expect(alpha.totalSteps).toBe(2);
      expect((await counts('beta')).totalSteps).toBe(1);
    });

    it('leaves a step whose is_active is NULL out of totalSteps, as the steps list does', async () => {
      const wizard = await counts('tree');
      expect(wizard.steps.map((s: any) => s.key)).toEqual(['s2', 's1']);
      expect(wizard.totalSteps).toBe(wizard.steps.length);
    });

    it('counts the saved templates the viewer may see in totalTemplates', async () => {
      expect((await counts('alpha')).totalTemplates).toBe(1);
      expect((await counts('beta')).totalTemplates).toBe(0);
      const owner: Viewer = { kind: 'user', userId: templateOwner, role: UserRole.USER };
      const [row] = await inRequest(db.dataSource, owner, (rdb) =>
        rdb.read<{ n: number }>({
          text: 'SELECT total_templates::int AS n FROM v_wizard_overview WHERE wizard_id = $1',
          values: [idOf.get('alpha')],
        }),
      );
      expect(row.n).toBe(2);
    });

    it('reads NULL value columns as their defaults and NULL flags as false', async () => {
      expect(await counts('nullflags')).toMatchObject({
        isFeatured: false,
        isActive: true,
        isPublic: true,
        allowSaveProgress: false,
        version: '1.0',
        totalStarts: 0,
      });
    });
  });

  describe('schema', () => {
    const FORBIDDEN = [
      'passwordHash',
      'password',
      'sessionToken',
      'shareToken',
      'additionalInputEncrypted',
    ];
    let introspection: IntrospectionQuery;

    beforeAll(async () => {
      const response = await server.graphql<IntrospectionQuery>(getIntrospectionQuery());
      expect(response.body.errors).toBeUndefined();
      introspection = response.body.data!;
    });

    // The types that hand a token out, once, to whoever started or shared the session (as
    // createApiKey's `secret`); the server keeps only the token's hash.
    const ISSUES_SECRET = new Set(['StartSessionPayload', 'SessionCopyPayload', 'SharePayload']);
    // Output fields only: inputs such as LoginInput.password are how secrets come in, not out.
    const outputFieldNames = (printed: string): string[] =>
      [...printed.matchAll(/^type (\w+)[^{]*\{([^}]*)\}/gm)]
        .filter((block) => !ISSUES_SECRET.has(block[1]))
        .flatMap((block) => [...block[2].matchAll(/^\s+(\w+)\s*[(:]/gm)].map((match) => match[1]));

    it('has no secret field in schema.graphql', async () => {
      const printed = await readFile(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
      const names = outputFieldNames(printed);
      expect(names.length).toBeGreaterThan(50);
      for (const name of FORBIDDEN) expect(names).not.toContain(name);
    });

    it('has no secret field in the served schema', () => {
      const printed = printSchema(buildClientSchema(introspection));
      for (const name of FORBIDDEN) expect(outputFieldNames(printed)).not.toContain(name);
      const outputFields = introspection.__schema.types
        .filter((type) => !ISSUES_SECRET.has(type.name))
        .flatMap((type) => ('fields' in type && type.fields ? type.fields.map((f) => f.name) : []));
      for (const name of FORBIDDEN) expect(outputFields).not.toContain(name);
    });

    it('describes every object type, field, argument, input field and enum value', () => {
      const roots = new Set(
        [
          introspection.__schema.queryType?.name,
          introspection.__schema.mutationType?.name,
          introspection.__schema.subscriptionType?.name,
        ].filter(Boolean),
      );
      const missing: string[] = [];
      let checked = 0;
      const described = (what: string, description: string | null | undefined) => {
        checked += 1;
        if (!description?.trim()) missing.push(what);
      };
      for (const type of introspection.__schema.types) {
        if (type.name.startsWith('__')) continue;
        if (type.kind === 'OBJECT' || type.kind === 'INPUT_OBJECT' || type.kind === 'ENUM') {
          if (!roots.has(type.name)) described(type.name, type.description);
        }
        if (type.kind === 'OBJECT' || type.kind === 'INTERFACE') {
          for (const field of type.fields) {
            described(`${type.name}.${field.name}`, field.description);
            for (const arg of field.args) {
              described(`${type.name}.${field.name}(${arg.name})`, arg.description);
            }
          }
        }
        if (type.kind === 'INPUT_OBJECT') {
          for (const field of type.inputFields) {
            described(`${type.name}.${field.name}`, field.description);
          }
        }
        if (type.kind === 'ENUM') {
          for (const value of type.enumValues) {
            described(`${type.name}.${value.name}`, value.description);
          }
        }
      }
      expect(missing).toEqual([]);
      expect(checked).toBeGreaterThan(150);
    });
  });
});
