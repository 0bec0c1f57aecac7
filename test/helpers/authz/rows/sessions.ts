import { allScopesBut, TEMPLATES } from '../fixture';
import type { Fixture } from '../fixture';
import { FORBIDDEN, ok, UNAUTHENTICATED, type OperationEntry, type Probe } from '../matrix';

const SESSION = 'query($id: ID!) { session(id: $id) { id version } }';
const MY_SESSIONS = '{ mySessions(first: 100) { edges { node { id } } } }';
const ACTIVITY = `query($id: ID!) { activityLog(sessionId: $id, first: 1) {
  edges { node { type } } } }`;
const SUBMIT = `mutation($input: StepAnswersInput!) {
  submitStep(input: $input) { session { version price { total } } next { complete } } }`;
const START = `mutation($input: StartSessionInput!) {
  startSession(input: $input) { session { version currentStep { key } } } }`;

interface SessionState {
  row_version: number;
  current_step_id: number;
  total_price: string;
  step_entered_at: Date;
  expires_at: Date;
  last_modified: Date;
  selections: number;
  last_log: number;
}

/** userA's session: its row, its selections and its activity (what a submit changes). */
const SESSION_PROBE: Probe = {
  read: (fx: Fixture) =>
    fx.db.dataSource.query(
      `SELECT row_version, current_step_id, total_price, step_entered_at, expires_at, last_modified,
         (SELECT count(*)::int FROM wizard_user_selections WHERE session_id = s.session_id) selections,
         (SELECT max(log_id) FROM wizard_session_activity_log WHERE session_id = s.session_id) last_log
       FROM wizard_user_sessions s WHERE session_id = $1`,
      [fx.sessionOfUserA],
    ),
  async restore(fx, before) {
    const [row] = before as SessionState[];
    const id = fx.sessionOfUserA;
    await fx.db.dataSource.query('DELETE FROM wizard_user_selections WHERE session_id = $1', [id]);
    await fx.db.dataSource.query(
      'DELETE FROM wizard_session_activity_log WHERE session_id = $1 AND log_id > $2',
      [id, row.last_log],
    );
    await fx.db.dataSource.query(
      `UPDATE wizard_user_sessions SET row_version = $2, current_step_id = $3, total_price = $4,
         step_entered_at = $5, expires_at = $6, last_modified = $7 WHERE session_id = $1`,
      [
        id,
        row.row_version,
        row.current_step_id,
        row.total_price,
        row.step_entered_at,
        row.expires_at,
        row.last_modified,
      ],
    );
  },
};

interface WizardSessions {
  total_starts: number;
  sessions: number[];
}

/** The public wizard's sessions and start count (what startSession changes). */
const STARTS_PROBE: Probe = {
  read: async (fx: Fixture) => {
    const [wizard] = await fx.db.dataSource.query<{ total_starts: number }[]>(
      'SELECT total_starts FROM wizards WHERE wizard_id = $1',
      [fx.wizardIds.public],
    );
    const sessions = await fx.db.dataSource.query<{ session_id: number }[]>(
      'SELECT session_id FROM wizard_user_sessions WHERE wizard_id = $1 ORDER BY session_id',
      [fx.wizardIds.public],
    );
    return { total_starts: wizard.total_starts, sessions: sessions.map((s) => s.session_id) };
  },
  async restore(fx, before) {
    const { total_starts: starts, sessions } = before as WizardSessions;
    await fx.db.dataSource.query(
      'DELETE FROM wizard_user_sessions WHERE wizard_id = $1 AND NOT (session_id = ANY($2))',
      [fx.wizardIds.public, sessions],
    );
    await fx.db.dataSource.query('UPDATE wizards SET total_starts = $2 WHERE wizard_id = $1', [
      fx.wizardIds.public,
      starts,
    ]);
  },
};

const readKeys = {
  owner: 'userA',
  withScope: ['SESSIONS_READ'],
  withoutScope: allScopesBut('SESSIONS_READ'),
} as const;
const writeKeys = {
  owner: 'userA',
  withScope: ['SESSIONS_WRITE'],
  withoutScope: allScopesBut('SESSIONS_WRITE'),
} as const;

const SESSION_OF_A = ok((fx: Fixture) => ({ id: fx.sessionOfUserA, version: 1 }));

export const SESSION_ROWS: OperationEntry[] = [
  {
    name: "session(id:) of userA's session (its owner, authors, and userB through a share)",
    field: 'session',
    document: SESSION,
    variables: (fx) => ({ id: fx.sessionOfUserA }),
    keys: readKeys,
    expect: {
      userA: SESSION_OF_A,
      userB: SESSION_OF_A,
      anonymous: UNAUTHENTICATED,
      admin: SESSION_OF_A,
      superAdmin: SESSION_OF_A,
      keyWithScope: SESSION_OF_A,
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: 'mySessions (each sees only their own)',
    field: 'mySessions',
    document: MY_SESSIONS,
    keys: readKeys,
    expect: {
      userA: ok((fx: Fixture) => ({ edges: [{ node: { id: fx.sessionOfUserA } }] })),
      userB: ok({ edges: [] }),
      anonymous: UNAUTHENTICATED,
      admin: ok({ edges: [] }),
      superAdmin: ok({ edges: [] }),
      keyWithScope: ok((fx: Fixture) => ({ edges: [{ node: { id: fx.sessionOfUserA } }] })),
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: "activityLog(sessionId:) of userA's session (its owner and authors; not a share holder)",
    field: 'activityLog',
    document: ACTIVITY,
    variables: (fx) => ({ id: fx.sessionOfUserA }),
    keys: readKeys,
    expect: {
      userA: ok({ edges: [{ node: { type: 'SESSION_STARTED' } }] }),
      userB: FORBIDDEN,
      anonymous: UNAUTHENTICATED,
      admin: ok({ edges: [{ node: { type: 'SESSION_STARTED' } }] }),
      superAdmin: ok({ edges: [{ node: { type: 'SESSION_STARTED' } }] }),
      keyWithScope: ok({ edges: [{ node: { type: 'SESSION_STARTED' } }] }),
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: "submitStep on userA's session (its owner only; authors and userB's view share read, not change)",
    field: 'submitStep',
    document: SUBMIT,
    variables: (fx) => ({
      input: {
        sessionId: fx.sessionOfUserA,
        stepId: fx.runnable.stepId,
        expectedVersion: 1,
        answers: [{ setId: fx.runnable.setId, optionIds: [fx.runnable.optionId] }],
      },
    }),
    keys: writeKeys,
    expect: {
      userA: ok({ session: { version: 2, price: { total: '3.00' } }, next: { complete: true } }),
      userB: FORBIDDEN,
      anonymous: UNAUTHENTICATED,
      admin: FORBIDDEN,
      superAdmin: FORBIDDEN,
      keyWithScope: ok({
        session: { version: 2, price: { total: '3.00' } },
        next: { complete: true },
      }),
      keyWithoutScope: FORBIDDEN,
    },
    unchanged: SESSION_PROBE,
  },
  {
    name: 'startSession on the public wizard (signed-in users; it requires login)',
    field: 'startSession',
    document: START,
    variables: (fx) => ({ input: { wizardId: fx.wizardIds.public } }),
    keys: writeKeys,
    expect: {
      userA: ok({ session: { version: 1, currentStep: { key: 'only' } } }),
      userB: ok({ session: { version: 1, currentStep: { key: 'only' } } }),
      anonymous: UNAUTHENTICATED,
      admin: ok({ session: { version: 1, currentStep: { key: 'only' } } }),
      superAdmin: ok({ session: { version: 1, currentStep: { key: 'only' } } }),
      keyWithScope: ok({ session: { version: 1, currentStep: { key: 'only' } } }),
      keyWithoutScope: FORBIDDEN,
    },
    unchanged: STARTS_PROBE,
  },
];

const TEMPLATES_LIST = '{ templates(first: 100) { edges { node { name } } } }';
const MY_SHARES = '{ myShares(first: 100) { edges { node { id canEdit } } } }';
const SHARED = 'query($token: String!) { sharedSession(token: $token) { id } }';

const templateList = (...names: string[]) =>
  ok({ edges: names.map((name) => ({ node: { name } })) });
const BOTH_TEMPLATES = templateList(TEMPLATES.private, TEMPLATES.public);
const PUBLIC_TEMPLATE = templateList(TEMPLATES.public);
const SHARE_OF_A = ok((fx: Fixture) => ({
  edges: [{ node: { id: fx.shareForUserB.id, canEdit: false } }],
}));
const SHARED_WITH_B = ok((fx: Fixture) => ({ id: fx.sessionOfUserA }));

export const SHARING_ROWS: OperationEntry[] = [
  {
    name: 'templates (your own and public ones; another user sees only the public one)',
    field: 'templates',
    document: TEMPLATES_LIST,
    keys: readKeys,
    expect: {
      userA: BOTH_TEMPLATES,
      userB: PUBLIC_TEMPLATE,
      anonymous: UNAUTHENTICATED,
      admin: PUBLIC_TEMPLATE,
      superAdmin: PUBLIC_TEMPLATE,
      keyWithScope: BOTH_TEMPLATES,
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: 'myShares (only the shares one made)',
    field: 'myShares',
    document: MY_SHARES,
    keys: readKeys,
    expect: {
      userA: SHARE_OF_A,
      userB: ok({ edges: [] }),
      anonymous: UNAUTHENTICATED,
      admin: ok({ edges: [] }),
      superAdmin: ok({ edges: [] }),
      keyWithScope: SHARE_OF_A,
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: "sharedSession of userA's share bound to userB (userB only)",
    field: 'sharedSession',
    document: SHARED,
    variables: (fx) => ({ token: fx.shareForUserB.token }),
    keys: {
      owner: 'userB',
      withScope: ['SESSIONS_READ'],
      withoutScope: allScopesBut('SESSIONS_READ'),
    },
    expect: {
      userA: FORBIDDEN,
      userB: SHARED_WITH_B,
      anonymous: FORBIDDEN,
      admin: FORBIDDEN,
      superAdmin: FORBIDDEN,
      keyWithScope: SHARED_WITH_B,
      keyWithoutScope: FORBIDDEN,
    },
  },
];

const ANALYTICS = `query($id: ID!) { wizardAnalytics(wizardId: $id, from: "2026-01-01", to: "2026-01-01") {
  date totalStarts } }`;
const SUMMARIES = '{ sessionSummaries(first: 100) { edges { node { sessionId } } } }';
const ZERO_DAY = ok([{ date: '2026-01-01', totalStarts: 0 }]);
const SUMMARY_OF_A = ok((fx: Fixture) => ({ edges: [{ node: { sessionId: fx.sessionOfUserA } }] }));

export const ANALYTICS_ROWS: OperationEntry[] = [
  {
    name: 'wizardAnalytics of the public wizard (authors; keys with ANALYTICS_READ)',
    field: 'wizardAnalytics',
    document: ANALYTICS,
    variables: (fx) => ({ id: fx.wizardIds.public }),
    keys: {
      owner: 'admin',
      withScope: ['ANALYTICS_READ'],
      withoutScope: allScopesBut('ANALYTICS_READ'),
    },
    expect: {
      userA: FORBIDDEN,
      userB: FORBIDDEN,
      anonymous: UNAUTHENTICATED,
      admin: ZERO_DAY,
      superAdmin: ZERO_DAY,
      keyWithScope: ZERO_DAY,
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: 'sessionSummaries (authors; keys with SESSIONS_READ)',
    field: 'sessionSummaries',
    document: SUMMARIES,
    keys: {
      owner: 'admin',
      withScope: ['SESSIONS_READ'],
      withoutScope: allScopesBut('SESSIONS_READ'),
    },
    expect: {
      userA: FORBIDDEN,
      userB: FORBIDDEN,
      anonymous: UNAUTHENTICATED,
      admin: SUMMARY_OF_A,
      superAdmin: SUMMARY_OF_A,
      keyWithScope: SUMMARY_OF_A,
      keyWithoutScope: FORBIDDEN,
    },
  },
];
