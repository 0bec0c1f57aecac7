import { LARGE_SHAPE } from '../fixtures/generated-wizards';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { QueryRecorder } from '../helpers/query-recorder';
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
    expect(one.statements).toHaveLength(8);
    expect(twenty.statements).toHaveLength(one.statements.length);
  });
});
