import { asSystem } from '../../src/database/system-context';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { apiKeyHeaders, registerAccount, type TestAccount } from '../helpers/accounts';
import {
  BACK,
  COMPLETE,
  DRAFT,
  ok,
  START,
  SESSION,
  SessionDriver,
  SKIP,
  storeWizards,
  SUBMIT,
  type WizardIds,
} from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

/**
 * A wizard whose current step (after `start`) has one set of each kind the cases need: a SINGLE
 * set with an inactive option, a MULTIPLE set, a TEXT_INPUT and a FILE_UPLOAD set. `finish` is
 * not on the path until `details` is answered. Guests may run it.
 */
const LAB: WizardDefinition = {
  key: 'bad_input_lab',
  name: 'Bad input lab',
  requireLogin: false,
  published: true,
  steps: [
    {
      key: 'start',
      name: 'Start',
      optionSets: [
        {
          key: 'plan',
          name: 'Plan',
          options: [
            { key: 'basic', label: 'Basic', price: '10.00' },
            { key: 'pro', label: 'Pro', price: '20.00' },
          ],
        },
      ],
    },
    {
      key: 'details',
      name: 'Details',
      optionSets: [
        {
          key: 'color',
          name: 'Colour',
          options: [
            { key: 'red', label: 'Red' },
            { key: 'blue', label: 'Blue' },
            { key: 'retired', label: 'Retired colour', isActive: false },
          ],
        },
        {
          key: 'extras',
          name: 'Extras',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          maxSelections: 3,
          options: [
            { key: 'x1', label: 'One' },
            { key: 'x2', label: 'Two' },
            { key: 'x3', label: 'Three' },
          ],
        },
        {
          key: 'nickname',
          name: 'Nickname',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          validationRules: { maxLength: 40 },
          options: [],
        },
        {
          key: 'photo',
          name: 'Photo',
          selectionType: SelectionType.FILE_UPLOAD,
          isRequired: false,
          validationRules: { mimeTypes: ['image/png'], maxBytes: 100_000 },
          options: [],
        },
      ],
    },
    {
      key: 'finish',
      name: 'Finish',
      optionSets: [{ key: 'agree', name: 'Agree', options: [{ key: 'yes', label: 'Yes' }] }],
    },
  ],
};

/** Another wizard, for ids that belong elsewhere. */
const OTHER: WizardDefinition = {
  key: 'other_wizard',
  name: 'Other wizard',
  published: true,
  steps: [
    {
      key: 'only',
      name: 'Only',
      optionSets: [{ key: 'pick', name: 'Pick', options: [{ key: 'elsewhere', label: 'Else' }] }],
    },
  ],
};

/** Who sends a case. */
type Actor = 'owner' | 'other' | 'admin' | 'anonymous' | 'readOnlyKey' | 'guestA';

interface Expected {
  status?: number;
  code: string;
  /** BAD_USER_INPUT from the engine: every problem's code and set key. */
  problems?: { code: string; setKey: string | null }[];
  /** BAD_USER_INPUT from input checks: every field path. */
  fields?: string[];
  reason?: string;
}

interface Case {
  name: string;
  as?: Actor;
  /** Whose session the case aims at (and must leave unchanged). */
  target?: 'owner' | 'guestA' | 'guestB';
  send: (lab: Lab) => { query: string; variables: AnyData };
  expect: Expected;
}

/** What the cases build requests from. */
interface Lab {
  ids: WizardIds;
  other: WizardIds;
  session: SessionDriver;
}

function known(ids: Record<string, string>, key: string): string {
  if (!ids[key]) throw new Error(`no ${key} in the lab wizard`);
  return ids[key];
}
const set = (lab: Lab, key: string) => known(lab.ids.set, key);
const option = (lab: Lab, key: string) => known(lab.ids.option, key);

/** submitStep on `details` (or another step) with raw answers, at the session's version. */
function submit(
  lab: Lab,
  answers: AnyData[],
  overrides: AnyData = {},
): { query: string; variables: AnyData } {
  const input = {
    sessionId: lab.session.id,
    stepId: known(lab.ids.step, 'details'),
    expectedVersion: lab.session.version,
    answers,
    ...overrides,
  };
  return { query: SUBMIT, variables: { input } };
}

const colorRed = (lab: Lab) => ({
  setId: set(lab, 'details.color'),
  optionIds: [option(lab, 'details.color.red')],
});

const CASES: Case[] = [
  {
    name: 'answers for a step that is not on the path',
    send: (lab) =>
      submit(
        lab,
        [{ setId: set(lab, 'finish.agree'), optionIds: [option(lab, 'finish.agree.yes')] }],
        {
          stepId: known(lab.ids.step, 'finish'),
        },
      ),
    expect: {
      code: 'BAD_USER_INPUT',
      problems: [{ code: 'STEP_NOT_ON_PATH', setKey: null }],
      fields: ['stepId'],
    },
  },
  {
    name: 'an unknown set id',
    send: (lab) => submit(lab, [colorRed(lab), { setId: '999999', optionIds: [] }]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'UNKNOWN_SET', setKey: null }] },
  },
  {
    name: 'a set of another step',
    send: (lab) =>
      submit(lab, [
        colorRed(lab),
        { setId: set(lab, 'finish.agree'), optionIds: [option(lab, 'finish.agree.yes')] },
      ]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'UNKNOWN_SET', setKey: 'agree' }] },
  },
  {
    name: 'an unknown option id',
    send: (lab) => submit(lab, [{ setId: set(lab, 'details.color'), optionIds: ['999999'] }]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'UNKNOWN_OPTION', setKey: 'color' }] },
  },
  {
    name: 'an inactive option',
    send: (lab) =>
      submit(lab, [
        { setId: set(lab, 'details.color'), optionIds: [option(lab, 'details.color.retired')] },
      ]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'NOT_SELECTABLE', setKey: 'color' }] },
  },
  {
    name: 'an option of another wizard',
    send: (lab) =>
      submit(lab, [
        {
          setId: set(lab, 'details.color'),
          optionIds: [known(lab.other.option, 'only.pick.elsewhere')],
        },
      ]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'UNKNOWN_OPTION', setKey: 'color' }] },
  },
  {
    name: 'a value for a choice set',
    send: (lab) => submit(lab, [{ setId: set(lab, 'details.color'), value: 'red' }]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'WRONG_KIND', setKey: 'color' }] },
  },
  {
    name: 'options for a text set',
    send: (lab) =>
      submit(lab, [
        colorRed(lab),
        { setId: set(lab, 'details.nickname'), optionIds: [option(lab, 'details.color.blue')] },
      ]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'WRONG_KIND', setKey: 'nickname' }] },
  },
  {
    name: 'a text value for a FILE_UPLOAD set',
    send: (lab) =>
      submit(lab, [colorRed(lab), { setId: set(lab, 'details.photo'), value: 'me.png' }]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'WRONG_KIND', setKey: 'photo' }] },
  },
  {
    name: 'a file of a type the set does not accept',
    send: (lab) =>
      submit(lab, [
        colorRed(lab),
        {
          setId: set(lab, 'details.photo'),
          file: { name: 'me.pdf', mimeType: 'application/pdf', bytes: 10 },
        },
      ]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'MIME_TYPE', setKey: 'photo' }] },
  },
  {
    name: 'text longer than the GraphQL cap (20,000 characters)',
    send: (lab) =>
      submit(lab, [
        colorRed(lab),
        { setId: set(lab, 'details.nickname'), value: 'x'.repeat(20_001) },
      ]),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers.1.value'] },
  },
  {
    name: 'text within the GraphQL cap but over the set maxLength',
    send: (lab) =>
      submit(lab, [colorRed(lab), { setId: set(lab, 'details.nickname'), value: 'x'.repeat(41) }]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'MAX_LENGTH', setKey: 'nickname' }] },
  },
  {
    name: 'a NUL character in a text value',
    send: (lab) =>
      submit(lab, [colorRed(lab), { setId: set(lab, 'details.nickname'), value: 'a\u0000b' }]),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers[1].value'] },
  },
  {
    name: 'a NUL character in a draft',
    send: (lab) => ({
      query: DRAFT,
      variables: submit(lab, [{ setId: set(lab, 'details.nickname'), value: 'a\u0000b' }])
        .variables,
    }),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers[0].value'] },
  },
  {
    name: 'more than 100 answers',
    send: (lab) =>
      submit(
        lab,
        Array.from({ length: 101 }, (_, i) => ({ setId: String(1_000 + i), optionIds: [] })),
      ),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers'] },
  },
  {
    name: 'more than 100 optionIds in one answer',
    send: (lab) =>
      submit(lab, [
        colorRed(lab),
        {
          setId: set(lab, 'details.extras'),
          optionIds: Array.from({ length: 101 }, () => option(lab, 'details.extras.x1')),
        },
      ]),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers.1.optionIds'] },
  },
  {
    name: 'the same set answered twice',
    send: (lab) => submit(lab, [colorRed(lab), colorRed(lab)]),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers[1].setId'] },
  },
  {
    name: 'the same option chosen twice',
    send: (lab) =>
      submit(lab, [
        colorRed(lab),
        {
          setId: set(lab, 'details.extras'),
          optionIds: [option(lab, 'details.extras.x1'), option(lab, 'details.extras.x1')],
        },
      ]),
    expect: { code: 'BAD_USER_INPUT', problems: [{ code: 'DUPLICATE_OPTION', setKey: 'extras' }] },
  },
  {
    name: 'a sessionId that is not an id ("abc")',
    send: (lab) => submit(lab, [colorRed(lab)], { sessionId: 'abc' }),
    expect: { code: 'BAD_USER_INPUT', fields: ['sessionId'] },
  },
  {
    name: 'a stepId that is not an id ("-1")',
    send: (lab) => submit(lab, [colorRed(lab)], { stepId: '-1' }),
    expect: { code: 'BAD_USER_INPUT', fields: ['stepId'] },
  },
  {
    name: 'a setId beyond the id range ("99999999999")',
    send: (lab) => submit(lab, [{ setId: '99999999999', optionIds: [] }]),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers[0].setId'] },
  },
  {
    name: 'an optionId that is not an id ("1.5")',
    send: (lab) => submit(lab, [{ setId: set(lab, 'details.color'), optionIds: ['1.5'] }]),
    expect: { code: 'BAD_USER_INPUT', fields: ['answers[0].optionIds[0]'] },
  },
  {
    name: 'a stale expectedVersion',
    send: (lab) => submit(lab, [colorRed(lab)], { expectedVersion: lab.session.version - 1 }),
    expect: { code: 'CONFLICT', reason: 'STALE_VERSION' },
  },
  {
    name: 'expectedVersion 0',
    send: (lab) => submit(lab, [colorRed(lab)], { expectedVersion: 0 }),
    expect: { code: 'BAD_USER_INPUT', fields: ['expectedVersion'] },
  },
  {
    name: 'skipping a required step',
    send: (lab) => ({
      query: SKIP,
      variables: { input: { sessionId: lab.session.id, expectedVersion: lab.session.version } },
    }),
    expect: {
      code: 'BAD_USER_INPUT',
      problems: [{ code: 'SKIP_NOT_ALLOWED', setKey: null }],
      fields: ['stepId'],
    },
  },
  {
    name: 'going back from the first step',
    as: 'guestA',
    target: 'guestA',
    send: (lab) => ({
      query: BACK,
      variables: { input: { sessionId: lab.session.id, expectedVersion: lab.session.version } },
    }),
    expect: {
      code: 'BAD_USER_INPUT',
      problems: [{ code: 'NO_PREVIOUS_STEP', setKey: null }],
      fields: ['sessionId'],
    },
  },
  {
    name: 'completing before the path is done',
    send: (lab) => ({
      query: COMPLETE,
      variables: { input: { sessionId: lab.session.id, expectedVersion: lab.session.version } },
    }),
    expect: { code: 'BAD_USER_INPUT', fields: ['sessionId'] },
  },
  {
    name: "another user submitting to the owner's session",
    as: 'other',
    send: (lab) => submit(lab, [colorRed(lab)]),
    expect: { code: 'NOT_FOUND' },
  },
  {
    name: "an ADMIN submitting to a user's session",
    as: 'admin',
    send: (lab) => submit(lab, [colorRed(lab)]),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: 'an anonymous submit',
    as: 'anonymous',
    send: (lab) => submit(lab, [colorRed(lab)]),
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'an API key without SESSIONS_WRITE',
    as: 'readOnlyKey',
    send: (lab) => submit(lab, [colorRed(lab)]),
    expect: { code: 'FORBIDDEN' },
  },
  {
    name: "guest A's session token acting on guest B's session",
    as: 'guestA',
    target: 'guestB',
    send: (lab) => submit(lab, [colorRed(lab)]),
    expect: { code: 'FORBIDDEN' },
  },
];

/** Everything a refused request must leave as it was, read as the system. */
function stored(db: TestDatabase, sessionId: string) {
  return asSystem(db.dataSource, async (manager) => ({
    session: await manager.query(
      `SELECT row_version, current_step_id, total_price, last_modified, step_entered_at,
              draft_step_id, paused_at, is_completed, completed_at, deleted_at
         FROM wizard_user_sessions WHERE session_id = $1`,
      [sessionId],
    ),
    selections: await manager.query(
      `SELECT selection_id, step_id, set_id, option_id, selected_value, selection_order
         FROM wizard_user_selections WHERE session_id = $1 ORDER BY selection_id`,
      [sessionId],
    ),
    skips: await manager.query('SELECT skip_id FROM wizard_step_skips WHERE session_id = $1', [
      sessionId,
    ]),
    activity: await manager.query(
      'SELECT log_id, activity_type FROM wizard_session_activity_log WHERE session_id = $1 ORDER BY log_id',
      [sessionId],
    ),
  }));
}

/** What a response says about its first error, in the shape of the expectation. */
function observed(response: GraphQLResponse, expected: Expected): Expected {
  const error = response.body.errors?.[0];
  const extensions: AnyData = error?.extensions ?? {};
  return {
    ...(expected.status !== undefined ? { status: response.status } : {}),
    code: extensions.code,
    ...(expected.problems
      ? {
          problems: (extensions.problems ?? []).map((problem: AnyData) => ({
            code: problem.code,
            setKey: problem.setKey,
          })),
        }
      : {}),
    ...(expected.fields
      ? { fields: (extensions.fields ?? []).map((field: AnyData) => field.field) }
      : {}),
    ...(expected.reason ? { reason: extensions.reason } : {}),
  };
}

/** SQL, driver errors and stack frames: none of them may reach a client. */
const INTERNALS =
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|QueryFailedError|\bat \S+ \(|\.ts:\d+:\d+/;

/** No SQL, no stack, no driver error in what the client sees. */
function expectNothingInternal(response: GraphQLResponse): void {
  for (const error of response.body.errors ?? []) {
    const text = JSON.stringify(error);
    expect({ text, leaks: INTERNALS.test(text) }).toEqual({ text, leaks: false });
    expect(error.extensions?.stacktrace).toBeUndefined();
  }
}

describe('submitting bad input to a session', () => {
  let db: TestDatabase;
  let server: TestServer;
  let owner: TestAccount;
  const headers = {} as Record<Actor, Record<string, string>>;
  let lab: Lab;
  let guestA: SessionDriver;
  let guestB: SessionDriver;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    const [ids, other] = await storeWizards(db.dataSource, [LAB, OTHER]);
    owner = await registerAccount(server, db.dataSource, 'owner@example.com');
    const otherUser = await registerAccount(server, db.dataSource, 'other@example.com');
    const admin = await registerAccount(server, db.dataSource, 'admin@example.com', 'ADMIN');

    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    ok(await session.submit('start', { plan: { options: ['pro'] } }));
    lab = { ids, other, session };

    guestA = new SessionDriver(server, ids);
    await guestA.start();
    guestB = new SessionDriver(server, ids);
    await guestB.start();
    guestB.headers['x-session-token'] = guestB.token;
    ok(await guestB.submit('start', { plan: { options: ['basic'] } }));

    Object.assign(headers, {
      owner: owner.headers,
      other: otherUser.headers,
      admin: admin.headers,
      anonymous: {},
      readOnlyKey: await apiKeyHeaders(server, owner, ['SESSIONS_READ']),
      guestA: { 'x-session-token': guestA.token },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('starts from a session standing on its second step with answers recorded', async () => {
    const read = await lab.session.read();
    expect({
      version: read.version,
      step: read.currentStep.key,
      selections: read.selections.length,
    }).toEqual({ version: 2, step: 'details', selections: 1 });
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    'refuses %s and changes nothing',
    async (_name, testCase) => {
      const target = { owner: lab.session, guestA, guestB }[testCase.target ?? 'owner'];
      const caseLab = { ...lab, session: target };
      const before = await stored(db, target.id);
      const { query, variables } = testCase.send(caseLab);
      const response = await server.graphql(query, variables, headers[testCase.as ?? 'owner']);
      expect(observed(response, testCase.expect)).toEqual(testCase.expect);
      expect(response.body.data?.[Object.keys(response.body.data ?? {})[0]] ?? null).toBeNull();
      expectNothingInternal(response);
      expect(await stored(db, target.id)).toEqual(before);
    },
  );

  it('reports the current version with a stale expectedVersion', async () => {
    const response = await server.graphql(
      SUBMIT,
      submit(lab, [colorRed(lab)], { expectedVersion: 1 }).variables,
      owner.headers,
    );
    expect(response.body.errors?.[0].extensions).toEqual({
      code: 'CONFLICT',
      reason: 'STALE_VERSION',
      currentVersion: 2,
    });
  });

  it('points each engine problem at the answer it is about', async () => {
    const response = await server.graphql(
      SUBMIT,
      submit(lab, [
        { setId: set(lab, 'details.nickname'), value: 'x'.repeat(41) },
        { setId: set(lab, 'details.color'), optionIds: ['999999'] },
      ]).variables,
      owner.headers,
    );
    expect(response.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'answers[1]', message: expect.stringMatching(/^UNKNOWN_OPTION: /) },
        { field: 'answers[0]', message: expect.stringMatching(/^MAX_LENGTH: /) },
      ],
      problems: [
        {
          code: 'UNKNOWN_OPTION',
          setId: set(lab, 'details.color'),
          setKey: 'color',
          optionId: '999999',
          message: 'Option 999999 is not an option of this set.',
        },
        {
          code: 'MAX_LENGTH',
          setId: set(lab, 'details.nickname'),
          setKey: 'nickname',
          optionId: null,
          message: 'At most 40 characters.',
        },
      ],
    });
  });

  it('refuses a session name with a NUL character as BAD_USER_INPUT and starts nothing', async () => {
    const count = () =>
      asSystem(db.dataSource, (manager) =>
        manager.query('SELECT count(*)::int AS n FROM wizard_user_sessions'),
      );
    const before = await count();
    const response = await server.graphql(
      START,
      { input: { wizardId: lab.ids.wizardId, sessionName: 'a\u0000b' } },
      owner.headers,
    );
    expect(observed(response, { code: '' })).toEqual({ code: 'BAD_USER_INPUT' });
    expectNothingInternal(response);
    expect(await count()).toEqual(before);
  });

  describe('reading sessions that are not yours', () => {
    it("gives another user NOT_FOUND for the owner's session id", async () => {
      const response = await server.graphql(SESSION, { id: lab.session.id }, headers.other);
      expect(observed(response, { code: '' })).toEqual({ code: 'NOT_FOUND' });
      expectNothingInternal(response);
    });

    it("lets an ADMIN read a user's session", async () => {
      const response = await server.graphql(SESSION, { id: lab.session.id }, headers.admin);
      expect(ok(response).session).toMatchObject({ id: lab.session.id, version: 2 });
    });

    it("refuses session(token: B's) sent with guest A's X-Session-Token", async () => {
      const response = await server.graphql(SESSION, { token: guestB.token }, headers.guestA);
      expect(observed(response, { code: '' })).toEqual({ code: 'FORBIDDEN' });
    });

    it("refuses session(id: B's) sent with guest A's X-Session-Token", async () => {
      const response = await server.graphql(SESSION, { id: guestB.id }, headers.guestA);
      expect(observed(response, { code: '' })).toEqual({ code: 'FORBIDDEN' });
    });

    it.each([
      ['a malformed X-Session-Token', 'not a token'],
      ['an unknown X-Session-Token', `mws_${'A'.repeat(43)}`],
      ['an over-long X-Session-Token', `mws_${'A'.repeat(200)}`],
    ])('answers %s with 401 UNAUTHENTICATED', async (_name, token) => {
      const before = await stored(db, guestB.id);
      const response = await server.graphql(
        SUBMIT,
        submit({ ...lab, session: guestB }, [colorRed(lab)]).variables,
        { 'x-session-token': token },
      );
      expect(observed(response, { status: 0, code: '' })).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expectNothingInternal(response);
      expect(await stored(db, guestB.id)).toEqual(before);
    });
  });
});
