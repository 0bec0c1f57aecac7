import { LARGE_SHAPE } from '../fixtures/generated-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { dataStatements, QueryRecorder } from '../helpers/query-recorder';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const TREE = `
  query Tree($first: Int) {
    wizards(first: $first) {
      edges { node {
        id key totalSteps totalTemplates
        flowRules { id fromStepId toStepId priority }
        steps { id key order optionSets { id key selectionType
          dependencies { id type dependsOnOptionId }
          options { id key label price dependencies { id type dependsOnOptionId } }
        } }
      } }
    }
  }`;

describe('nested wizard reads', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    await insertGeneratedWizards(db.dataSource, 20, LARGE_SHAPE);
    server = await startTestServer(db.dataSource);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  async function statementsFor(first: number) {
    let result: GraphQLResponse | undefined;
    const statements = await recorder.during(async () => {
      result = await server.graphql(TREE, { first });
    });
    return { statements, result: result! };
  }

  it('uses the same number of SQL statements for 1 wizard as for 20 × 10 × 5 × 8', async () => {
    const one = await statementsFor(1);
    const twenty = await statementsFor(20);

    expect(one.result.body.errors).toBeUndefined();
    expect(twenty.result.body.errors).toBeUndefined();
    const wizards = twenty.result.body.data!.wizards.edges;
    expect(wizards).toHaveLength(20);
    const options = wizards.flatMap((e: any) =>
      e.node.steps.flatMap((s: any) => s.optionSets.flatMap((set: any) => set.options)),
    );
    expect(options).toHaveLength(20 * 10 * 5 * 8);

    // wizards, overview view, flow rules, steps, sets, set deps, options, option deps.
    expect(dataStatements(one.statements)).toHaveLength(8);
    expect(twenty.statements).toHaveLength(one.statements.length);
    // ...all in one transaction, opened in one round trip as the application role with the
    // viewer set.
    expect(one.statements[0]).toMatch(
      /^START TRANSACTION; SET LOCAL ROLE wizard_app; SELECT set_config\([^;]*$/,
    );
    expect(one.statements.at(-1)).toBe('COMMIT');
    expect(one.statements).toHaveLength(8 + 2);
  });
});

describe('preloaded nested lists', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    await insertGeneratedWizards(db.dataSource, 2, { steps: 2, setsPerStep: 2, optionsPerSet: 3 });
    await db.dataSource.query(
      "UPDATE wizard_options SET is_active = false WHERE option_key = 'option_1'",
    );
    server = await startTestServer(db.dataSource);
    author = await registerAccount(server, db.dataSource, 'aliases@example.com', 'ADMIN');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });
  let author: TestAccount;

  it('keeps aliases with different arguments apart', async () => {
    // includeInactive is for authors.
    const { body } = await server.graphql(
      `{
      wizard(key: "generated-0") { steps { optionSets {
        active: options { key }
        all: options(includeInactive: true) { key label }
      } } }
    }`,
      {},
      author.headers,
    );
    expect(body.errors).toBeUndefined();
    const set = body.data!.wizard.steps[0].optionSets[0];
    expect(set.active.map((o: any) => o.key)).toEqual(['option_0', 'option_2']);
    expect(set.all.map((o: any) => o.key)).toEqual(['option_0', 'option_1', 'option_2']);
    expect(set.all[1].label).toBe('Option 2');
  });

  it('keeps aliases with the same arguments but different selections apart', async () => {
    const { body } = await server.graphql(`{
      wizard(key: "generated-0") {
        a: steps { optionSets { key options { key } } }
        b: steps { optionSets { name options { label } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const { a, b } = body.data!.wizard;
    expect(a[0].optionSets[0]).toEqual({
      key: 'set_0',
      options: [{ key: 'option_0' }, { key: 'option_2' }],
    });
    expect(b[0].optionSets[0]).toEqual({
      name: 'Set 1',
      options: [{ label: 'Option 1' }, { label: 'Option 3' }],
    });
  });

  it('follows fragments and answers the same as without them', async () => {
    const plain = await server.graphql(
      '{ wizard(key: "generated-1") { steps { optionSets { key options { key price dependencies { type } } } } } }',
    );
    const withFragments = await server.graphql(`
      fragment O on WizardOption { key price dependencies { type } }
      fragment S on WizardOptionSet { key ... on WizardOptionSet { options { ...O } } }
      { wizard(key: "generated-1") { steps { optionSets { ...S } } } }`);
    expect(withFragments.body.errors).toBeUndefined();
    expect(withFragments.body.data).toEqual(plain.body.data);
  });

  it('reads no level the query does not ask for', async () => {
    const statements = await recorder.during(() =>
      server.graphql('{ wizard(key: "generated-0") { steps { optionSets { key } } } }'),
    );
    // the wizard, its steps, their option sets: nothing for options or dependencies.
    expect(dataStatements(statements)).toHaveLength(3);
    expect(statements.join('\n')).not.toContain('wizard_options');
  });
});
