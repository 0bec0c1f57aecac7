import { allScopesBut, type Fixture } from '../fixture';
import {
  BAD_USER_INPUT,
  CONFLICT,
  FORBIDDEN,
  ok,
  UNAUTHENTICATED,
  type Expected,
  type OperationEntry,
} from '../matrix';
import { SESSION_PROBE } from './session-probes';

const SUBMIT = `mutation($input: StepAnswersInput!) {
  submitStep(input: $input) { session { version price { total } } next { complete } } }`;
const DRAFT = `mutation($input: StepAnswersInput!) {
  saveDraft(input: $input) { session { version } autoAdvanced } }`;
const PREVIEW = `mutation($input: PreviewStepInput!) {
  previewStep(input: $input) { ok price { total } } }`;
const GO_BACK = `mutation($input: SessionVersionInput!) { goBack(input: $input) { session { version } } }`;
const SKIP = `mutation($input: SkipStepInput!) { skipStep(input: $input) { session { version } } }`;
const PAUSE = `mutation($input: SessionVersionInput!) {
  pauseSession(input: $input) { session { version status } } }`;
const RESUME = `mutation($input: SessionVersionInput!) {
  resumeSession(input: $input) { session { version status } } }`;
const COMPLETE = `mutation($input: SessionVersionInput!) {
  completeSession(input: $input) { session { version status } } }`;

export const writeKeys = {
  owner: 'userA',
  withScope: ['SESSIONS_WRITE'],
  withoutScope: allScopesBut('SESSIONS_WRITE'),
} as const;

/**
 * A runtime change of userA's session: its owner (and their key with SESSIONS_WRITE) and both
 * holders of an edit share get `allowed`; a view share, authors and everyone else are refused.
 */
const runtimeChange = (allowed: Expected): OperationEntry['expect'] => ({
  userA: allowed,
  userB: FORBIDDEN,
  anonymous: UNAUTHENTICATED,
  admin: FORBIDDEN,
  superAdmin: FORBIDDEN,
  keyWithScope: allowed,
  keyWithoutScope: FORBIDDEN,
  editGrantee: allowed,
  editTokenHolder: allowed,
});

const versioned = (fx: Fixture) => ({
  input: { sessionId: fx.sessionOfUserA, expectedVersion: 1 },
});
const answered = (fx: Fixture) => ({
  input: {
    sessionId: fx.sessionOfUserA,
    stepId: fx.runnable.stepId,
    expectedVersion: 1,
    answers: [{ setId: fx.runnable.setId, optionIds: [fx.runnable.optionId] }],
  },
});

/**
 * The runtime mutations of the README, on userA's session (version 1, on its only step, nothing
 * answered). Where the engine refuses the change anyway (nothing to go back to, a required step,
 * nothing answered, not paused), the allowed callers get past the authorization to that refusal.
 */
export const RUNTIME_ROWS: OperationEntry[] = [
  {
    name: "submitStep on userA's session (its owner and edit shares; authors and a view share read, not change)",
    field: 'submitStep',
    document: SUBMIT,
    variables: answered,
    keys: writeKeys,
    expect: runtimeChange(
      ok({ session: { version: 2, price: { total: '3.00' } }, next: { complete: true } }),
    ),
    unchanged: SESSION_PROBE,
  },
  {
    name: "saveDraft on userA's session (its owner and edit shares)",
    field: 'saveDraft',
    document: DRAFT,
    variables: answered,
    keys: writeKeys,
    expect: runtimeChange(ok({ session: { version: 2 }, autoAdvanced: false })),
    unchanged: SESSION_PROBE,
  },
  {
    name: "goBack on userA's session (its owner and edit shares reach the engine: nothing to go back to)",
    field: 'goBack',
    document: GO_BACK,
    variables: versioned,
    keys: writeKeys,
    expect: runtimeChange(BAD_USER_INPUT),
    unchanged: SESSION_PROBE,
  },
  {
    name: "skipStep on userA's session (its owner and edit shares reach the engine: the step is required)",
    field: 'skipStep',
    document: SKIP,
    variables: versioned,
    keys: writeKeys,
    expect: runtimeChange(BAD_USER_INPUT),
    unchanged: SESSION_PROBE,
  },
  {
    name: "pauseSession on userA's session (its owner and edit shares)",
    field: 'pauseSession',
    document: PAUSE,
    variables: versioned,
    keys: writeKeys,
    expect: runtimeChange(ok({ session: { version: 2, status: 'PAUSED' } })),
    unchanged: SESSION_PROBE,
  },
  {
    name: "resumeSession on userA's session (its owner and edit shares reach the check: not paused)",
    field: 'resumeSession',
    document: RESUME,
    variables: versioned,
    keys: writeKeys,
    expect: runtimeChange(CONFLICT),
    unchanged: SESSION_PROBE,
  },
  {
    name: "completeSession on userA's session (its owner and edit shares reach the check: nothing answered)",
    field: 'completeSession',
    document: COMPLETE,
    variables: versioned,
    keys: writeKeys,
    expect: runtimeChange(BAD_USER_INPUT),
    unchanged: SESSION_PROBE,
  },
  {
    name: "previewStep on userA's session (whoever may read it; it saves nothing)",
    field: 'previewStep',
    document: PREVIEW,
    variables: (fx) => {
      const { input } = answered(fx);
      return { input: { ...input, expectedVersion: undefined } };
    },
    keys: {
      owner: 'userA',
      withScope: ['SESSIONS_READ'],
      withoutScope: allScopesBut('SESSIONS_READ'),
    },
    expect: {
      userA: ok({ ok: true, price: { total: '3.00' } }),
      userB: ok({ ok: true, price: { total: '3.00' } }),
      anonymous: UNAUTHENTICATED,
      admin: ok({ ok: true, price: { total: '3.00' } }),
      superAdmin: ok({ ok: true, price: { total: '3.00' } }),
      keyWithScope: ok({ ok: true, price: { total: '3.00' } }),
      keyWithoutScope: FORBIDDEN,
      editGrantee: ok({ ok: true, price: { total: '3.00' } }),
      editTokenHolder: ok({ ok: true, price: { total: '3.00' } }),
    },
  },
];
