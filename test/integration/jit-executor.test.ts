import { execute, getOperationAST, parse, type ExecutionResult, type GraphQLError } from 'graphql';
import pino from 'pino';
import { resolveJwtSecret } from '../../src/auth/jwt-secret';
import { TokenService } from '../../src/auth/tokens';
import { ANONYMOUS, type Viewer } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { UserRole } from '../../src/entities/enums';
import { createContextFactory } from '../../src/graphql/context';
import { jitExecutor } from '../../src/graphql/jit-gateway';
import { createSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';
import { ApiKeyService } from '../../src/services/api-key.service';
import { SecurityEventService } from '../../src/services/security-event.service';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { QueryRecorder } from '../helpers/query-recorder';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

type Executor = ReturnType<typeof jitExecutor>;
type RequestContext = Parameters<Executor>[0];

const AUTHOR: Viewer = { kind: 'user', userId: 1, role: UserRole.ADMIN };

const TREE = `query Tree($id: ID!) {
  wizard(id: $id) {
    id key name description category totalSteps totalTemplates
    steps { id key name title order isRequired
      optionSets { id key name selectionType isRequired minSelections maxSelections
        dependencies { id type dependsOnStepId dependsOnOptionId }
        options { id key label description price order isDefault isDisabled isRecommended
          requiresInput dependencies { id type dependsOnOptionId } }
      }
    }
    flowRules { id fromStepId fromOptionId toStepId conditionType priority }
  }
}`;

/** What a client could tell apart in an answer, errors included (with what formatError reads). */
function comparable(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error: GraphQLError) => ({
      message: error.message,
      path: error.path,
      locations: error.locations,
      extensions: error.extensions,
      original: error.originalError?.constructor.name,
    })),
  };
}

interface RunOptions {
  viewer?: Viewer;
  /** False where graphql-js answers before a pending statement ends (it would count late). */
  sameStatements?: boolean;
  /** False where the executor hands the operation to graphql-js (bad variables). */
  compiled?: boolean;
}

/** graphql-js builds result objects without a prototype; graphql-jit uses object literals. */
const builtByJit = (result: ExecutionResult) =>
  result.data != null && Object.getPrototypeOf(result.data) === Object.prototype;

describe('graphql-jit executor', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let run: (
    query: string,
    variables?: Record<string, unknown>,
    options?: RunOptions,
  ) => Promise<void>;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    await insertGeneratedWizards(db.dataSource, 2, { steps: 3, setsPerStep: 2, optionsPerSet: 3 });
    await db.dataSource.query(
      "UPDATE wizard_options SET is_active = false WHERE option_key = 'option_1'",
    );
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://unused',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    });
    const logger = pino({ level: 'silent' });
    const tokens = new TokenService(resolveJwtSecret(config), config.tokenTtlSeconds);
    const apiKeys = new ApiKeyService(db.dataSource, config);
    const events = new SecurityEventService(db.dataSource, config, logger);
    const contexts = createContextFactory({
      dataSource: db.dataSource,
      services: createServices(
        db.dataSource,
        config,
        tokens,
        apiKeys,
        events,
        new LoginThrottle(config.loginThrottle, db.dataSource),
      ),
    });
    const schema = await createSchema();
    const jit = jitExecutor(schema);

    /** Runs the document with graphql-js, then twice (compiled, then cached) with the executor. */
    run = async (query, variables = {}, options = {}) => {
      const { viewer = ANONYMOUS, sameStatements = true, compiled = true } = options;
      const document = parse(query);
      const request = { requestId: 'test', ip: null, userAgent: null };
      let expected: ExecutionResult | undefined;
      const expectedStatements = await recorder.during(async () => {
        const contextValue = contexts.forHttp(request, viewer);
        expected = await execute({ schema, document, contextValue, variableValues: variables });
        await contextValue.db.finish();
      });
      for (let time = 0; time < 2; time++) {
        const operation = getOperationAST(document);
        const contextValue = contexts.forHttp(request, viewer);
        const context = {
          document,
          operation,
          operationName: operation?.name?.value ?? null,
          request: { variables },
          context: contextValue,
        } as unknown as RequestContext;
        let result: ExecutionResult | undefined;
        const statements = await recorder.during(async () => {
          result = await jit(context);
          await contextValue.db.finish();
        });
        expect(comparable(result!)).toEqual(comparable(expected!));
        if (result!.data != null) expect(builtByJit(result!)).toBe(compiled);
        // Preloaded levels are found under graphql-jit too (levels run concurrently: any order).
        if (sameStatements) expect(statements.sort()).toEqual([...expectedStatements].sort());
      }
    };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('answers a whole tree like graphql-js, with the same statements', async () => {
    await run(TREE, { id: '1' });
    await run(TREE, { id: '2' }, { viewer: AUTHOR });
  });

  it('keeps aliases, arguments, fragments and skip/include apart like graphql-js', async () => {
    await run(
      `query Parts($skip: Boolean!) {
        wizard(key: "generated-0") {
          a: steps { optionSets { ...Set } }
          b: steps(includeInactive: true) { key optionSets { key ...Set @skip(if: $skip) } }
        }
      }
      fragment Set on WizardOptionSet {
        active: options { key ...Option }
        all: options(includeInactive: true) { key label }
      }
      fragment Option on WizardOption { price ... on WizardOption { __typename } }`,
      { skip: true },
      { viewer: AUTHOR }, // includeInactive is for authors
    );
  });

  it('passes input objects with variables inside like graphql-js', async () => {
    const list = `query List($category: String, $first: Int) {
      wizards(first: $first, filter: { category: $category }) {
        edges { cursor node { key steps { key optionSets { key } } } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    await run(list, { first: 1 });
    await run(list, { first: 5, category: 'Generated' }, { viewer: AUTHOR });
    await run(list, { category: 'nothing' });
  });

  it('reports resolver errors, refused fields and bad variables like graphql-js', async () => {
    await run('{ wizard(id: "not-a-number") { id } }');
    await run('{ wizard(id: "1", key: "generated-0") { id } }');
    await run(
      '{ a: wizard(key: "generated-0") { id } b: users { edges { cursor } } }',
      {},
      { sameStatements: false },
    );
    const byVariable = 'query W($id: ID!) { wizard(id: $id) { id } }';
    await run(byVariable, { id: { nested: true } }, { compiled: false });
    await run(byVariable, {}, { compiled: false });
    await run('{ wizard(key: "missing") { id } }');
  });
});
