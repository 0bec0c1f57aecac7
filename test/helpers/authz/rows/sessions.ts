import { allScopesBut, TEMPLATES } from '../fixture';
import type { Fixture } from '../fixture';
import { FORBIDDEN, ok, UNAUTHENTICATED, type OperationEntry } from '../matrix';
import { STARTS_PROBE } from './session-probes';
import { writeKeys } from './session-runtime';

const SESSION = 'query($id: ID!) { session(id: $id) { id version } }';
const MY_SESSIONS = '{ mySessions(first: 100) { edges { node { id } } } }';
const ACTIVITY = `query($id: ID!) { activityLog(sessionId: $id, first: 1) {
  edges { node { type } } } }`;
const START = `mutation($input: StartSessionInput!) {
  startSession(input: $input) { session { version currentStep { key } } } }`;

const readKeys = {
  owner: 'userA',
  withScope: ['SESSIONS_READ'],
  withoutScope: allScopesBut('SESSIONS_READ'),
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
      editGrantee: SESSION_OF_A,
      editTokenHolder: SESSION_OF_A,
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
      editGrantee: ok({ edges: [] }),
      editTokenHolder: ok({ edges: [] }),
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
      editGrantee: FORBIDDEN,
      editTokenHolder: FORBIDDEN,
    },
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
  edges: [
    { node: { id: fx.openEditShare.id, canEdit: true } },
    { node: { id: fx.editShareForEditor.id, canEdit: true } },
    { node: { id: fx.shareForUserB.id, canEdit: false } },
  ],
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
