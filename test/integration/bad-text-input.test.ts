import { SelectionType } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { execute } from '../helpers/authz/transport';
import { ok, START, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

/** A lone high surrogate: JSON.stringify sends it as `"\ud800"`. */
const SURROGATE = '\ud800';
const NUL = '\u0000';
/** A valid surrogate pair (an emoji): text, and must pass. */
const EMOJI = '\ud83d\ude00';

/**
 * One input field the issue names: the document with a `$input` variable, the input carrying a
 * text, the same operation with the text as an inline literal (GraphQL escapes), and where
 * extensions.fields must point.
 */
interface TextCase {
  name: string;
  document: string;
  input: (text: string) => AnyData;
  literal: (escaped: string) => string;
  field: string;
  as: 'anonymous' | 'user' | 'author';
}

let db: TestDatabase;
let server: TestServer;
let user: TestAccount;
let author: TestAccount;
let lab: WizardIds;
let sessionId = '';

const CASES: TextCase[] = [
  {
    name: 'register.email',
    document: 'mutation($input: RegisterInput!) { register(input: $input) { token } }',
    input: (text) => ({
      email: `new${text}@example.com`,
      fullName: 'New',
      password: 'a long password',
    }),
    literal: (text) =>
      `mutation { register(input: { email: "new${text}@example.com", fullName: "New", password: "a long password" }) { token } }`,
    field: 'email',
    as: 'anonymous',
  },
  {
    name: 'login.email',
    document: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
    input: (text) => ({ email: `user${text}@example.com`, password: 'a long password' }),
    literal: (text) =>
      `mutation { login(input: { email: "user${text}@example.com", password: "a long password" }) { token } }`,
    field: 'email',
    as: 'anonymous',
  },
  ...(['name', 'description', 'category'] as const).map(
    (field): TextCase => ({
      name: `createWizard.${field}`,
      document:
        'mutation($input: CreateWizardInput!) { createWizard(input: $input) { wizard { id } } }',
      input: (text) => ({ key: 'text_lab', name: 'Lab', [field]: `a${text}b` }),
      literal: (text) =>
        `mutation { createWizard(input: { key: "text_lab", ${field === 'name' ? '' : 'name: "Lab", '}${field}: "a${text}b" }) { wizard { id } } }`,
      field,
      as: 'author',
    }),
  ),
  {
    name: 'createStep.title',
    document: 'mutation($input: CreateStepInput!) { createStep(input: $input) { step { id } } }',
    input: (text) => ({ wizardId: lab.wizardId, key: 'more', name: 'More', title: `a${text}b` }),
    literal: (text) =>
      `mutation { createStep(input: { wizardId: "${lab.wizardId}", key: "more", name: "More", title: "a${text}b" }) { step { id } } }`,
    field: 'title',
    as: 'author',
  },
  {
    name: 'saveSessionAsTemplate.tags',
    document: `mutation($input: SaveSessionAsTemplateInput!) {
      saveSessionAsTemplate(input: $input) { template { id } } }`,
    input: (text) => ({ sessionId, name: 'Mine', tags: ['fine', `a${text}b`] }),
    literal: (text) =>
      `mutation { saveSessionAsTemplate(input: { sessionId: "${sessionId}", name: "Mine", tags: ["fine", "a${text}b"] }) { template { id } } }`,
    field: 'tags[1]',
    as: 'user',
  },
  {
    name: 'saveDraft answers[].value',
    document: `mutation($input: StepAnswersInput!) { saveDraft(input: $input) { session { version } } }`,
    input: (text) => ({
      sessionId,
      stepId: lab.step.words,
      expectedVersion: 1,
      answers: [{ setId: lab.set['words.note'], value: `a${text}b` }],
    }),
    literal: (text) =>
      `mutation { saveDraft(input: { sessionId: "${sessionId}", stepId: "${lab.step.words}", expectedVersion: 1,
        answers: [{ setId: "${lab.set['words.note']}", value: "a${text}b" }] }) { session { version } } }`,
    field: 'answers[0].value',
    as: 'user',
  },
  {
    name: 'startSession.wizardKey',
    document: `mutation($input: StartSessionInput!) { startSession(input: $input) { session { id } } }`,
    input: (text) => ({ wizardKey: `text${text}lab` }),
    literal: (text) =>
      `mutation { startSession(input: { wizardKey: "text${text}lab" }) { session { id } } }`,
    field: 'wizardKey',
    as: 'user',
  },
];

const headersOf = (which: TextCase['as']) =>
  which === 'anonymous' ? {} : which === 'user' ? user.headers : author.headers;

/** Everything the cases could write: accounts, throttle counts, events, authoring, sessions. */
async function written(): Promise<unknown> {
  const [row] = await db.dataSource.query<AnyData[]>(
    `SELECT (SELECT count(*)::int FROM users) users,
            (SELECT count(*)::int FROM login_throttle) throttle,
            (SELECT count(*)::int FROM security_events) events,
            (SELECT count(*)::int FROM wizards) wizards,
            (SELECT count(*)::int FROM wizard_steps) steps,
            (SELECT count(*)::int FROM wizard_options) options,
            (SELECT count(*)::int FROM wizard_session_templates) templates,
            (SELECT count(*)::int FROM wizard_user_sessions) sessions,
            (SELECT count(*)::int FROM wizard_session_activity_log) activity,
            (SELECT row_version FROM wizard_user_sessions WHERE session_id = $1) version,
            (SELECT draft_answers FROM wizard_user_sessions WHERE session_id = $1) draft`,
    [sessionId],
  );
  return row;
}

/** Runs a request and checks it wrote nothing. */
async function refusedWithoutWriting(send: () => Promise<GraphQLResponse>) {
  const before = await written();
  const response = await send();
  expect(await written()).toEqual(before);
  return response;
}

function expectBadText(response: GraphQLResponse, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.data ?? null).toBeNull();
  const [error] = response.body.errors ?? [];
  expect(error.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    fields: [{ field, message: expect.stringMatching(/cannot hold/) }],
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db.dataSource);
  user = await registerAccount(server, db.dataSource, 'user@example.com');
  author = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
  [lab] = await storeWizards(db.dataSource, [
    {
      key: 'text-lab',
      name: 'Text lab',
      published: true,
      steps: [
        {
          key: 'words',
          name: 'Words',
          optionSets: [
            { key: 'note', name: 'Note', selectionType: SelectionType.TEXT_INPUT, options: [] },
          ],
        },
      ],
    },
  ]);
  const started = ok(
    await server.graphql(START, { input: { wizardId: lab.wizardId } }, user.headers),
  );
  sessionId = started.startSession.session.id;
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe.each(CASES.map((c) => [c.name, c] as const))(
  'text that cannot be stored in %s',
  (_, c) => {
    it.each([
      ['a lone surrogate', SURROGATE],
      ['U+0000', NUL],
    ])('is BAD_USER_INPUT in a variable (%s), and nothing is written', async (_kind, text) => {
      const response = await refusedWithoutWriting(() =>
        server.graphql(c.document, { input: c.input(text) }, headersOf(c.as)),
      );
      expectBadText(response, c.field);
    });

    it('is BAD_USER_INPUT in an inline literal (\\u0000), and nothing is written', async () => {
      const response = await refusedWithoutWriting(() =>
        server.graphql(c.literal('\\u0000'), {}, headersOf(c.as)),
      );
      expectBadText(response, c.field);
    });

    it('is a syntax error in an inline literal (\\ud800: GraphQL has no lone surrogates)', async () => {
      const response = await refusedWithoutWriting(() =>
        server.graphql(c.literal('\\ud800'), {}, headersOf(c.as)),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    });
  },
);

describe('text that can be stored', () => {
  it('takes a surrogate pair (an emoji) in a variable and in a literal', async () => {
    const byVariable = await server.graphql(
      CASES[2].document,
      { input: { key: 'emoji_var', name: `Smile ${EMOJI}` } },
      author.headers,
    );
    const byLiteral = await server.graphql(
      'mutation { createWizard(input: { key: "emoji_lit", name: "Smile \\ud83d\\ude00" }) { wizard { name } } }',
      {},
      author.headers,
    );
    expect(byVariable.body.errors).toBeUndefined();
    expect(byLiteral.body.data?.createWizard.wizard.name).toBe(`Smile ${EMOJI}`);
  });
});

describe('where the check applies', () => {
  it('refuses text in a query run by graphql-jit (arguments outside `input` keep their name)', async () => {
    const response = await server.graphql(
      'query($key: String!) { wizard(key: $key) { id } }',
      { key: `a${NUL}` },
      user.headers,
    );
    expectBadText(response, 'key');
  });

  it('refuses text in a JSON scalar, keys included', async () => {
    const response = await refusedWithoutWriting(() =>
      server.graphql(
        'mutation($input: CreateOptionInput!) { createOption(input: $input) { option { id } } }',
        {
          input: {
            setId: lab.set['words.note'],
            key: 'json_lab',
            label: 'Json',
            metadata: { fine: [1, { [`k${NUL}`]: 1 }] },
          },
        },
        author.headers,
      ),
    );
    expectBadText(response, 'metadata.fine[1]');
  });

  it('refuses text over graphql-ws, by variable and by literal, writing nothing', async () => {
    const before = await written();
    const byVariable = await execute(
      server,
      'WebSocket',
      { token: author.token },
      CASES[2].document,
      { input: CASES[2].input(SURROGATE) },
    );
    const byLiteral = await execute(
      server,
      'WebSocket',
      { token: user.token },
      CASES.at(-1)!.literal('\\u0000'),
    );
    expect(await written()).toEqual(before);
    expect(byVariable.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'name' }],
    });
    expect(byLiteral.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'wizardKey' }],
    });
  });
});

describe('a list variable with more than 50 wrongly typed items', () => {
  const tags = Array.from({ length: 60 }, (_, i) => i);
  const document = `mutation($input: SaveSessionAsTemplateInput!) {
    saveSessionAsTemplate(input: $input) { template { id } } }`;

  it('is BAD_USER_INPUT throughout over HTTP (graphql-js gives up after 50 errors)', async () => {
    const response = await refusedWithoutWriting(() =>
      server.graphql(document, { input: { sessionId, name: 'Many', tags } }, user.headers),
    );
    expect(response.status).toBe(400);
    const codes = new Set(response.body.errors?.map((error) => error.extensions?.code));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT']));
    expect(response.body.errors?.at(-1)?.message).toMatch(/Too many errors processing variables/);
  });

  it('is BAD_USER_INPUT throughout over graphql-ws', async () => {
    const result = await execute(server, 'WebSocket', { token: user.token }, document, {
      input: { sessionId, name: 'Many', tags },
    });
    const codes = new Set(result.errors?.map((error) => error.extensions?.code));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT']));
  });
});
