import type { Fixture } from '../fixture';
import {
  FORBIDDEN,
  NOT_FOUND,
  ok,
  UNAUTHENTICATED,
  type Expected,
  type OperationEntry,
} from '../matrix';
import { SESSION_PROBE, STARTS_PROBE } from './session-probes';
import { writeKeys } from './session-runtime';

const DELETE = `mutation($input: SessionVersionInput!) { deleteSession(input: $input) { deletedId } }`;
const SAVE_TEMPLATE = `mutation($input: SaveSessionAsTemplateInput!) {
  saveSessionAsTemplate(input: $input) { template { name } } }`;
const SHARE = `mutation($input: ShareSessionInput!) { shareSession(input: $input) { share { canEdit } } }`;
const REVOKE = `mutation($input: ShareRefInput!) { revokeShare(input: $input) { share { isActive } } }`;
const REPLAY = `mutation($input: ReplaySessionInput!) {
  replaySession(input: $input) { session { version } stepsApplied } }`;
const CLONE = `mutation($input: CloneSharedSessionInput!) {
  cloneSharedSession(input: $input) { session { version } } }`;

/**
 * What stays with userA, the owner of the session: their session or key with SESSIONS_WRITE get
 * `allowed`; shares of any kind, even edit shares, authors and everyone else are refused.
 */
const ownerOnly = (allowed: Expected, refused: Expected = FORBIDDEN): OperationEntry['expect'] => ({
  userA: allowed,
  userB: refused,
  anonymous: UNAUTHENTICATED,
  admin: refused,
  superAdmin: refused,
  keyWithScope: allowed,
  keyWithoutScope: FORBIDDEN,
  editGrantee: refused,
  editTokenHolder: refused,
});

const REPLAYED = ok({ session: { version: 1 }, stepsApplied: 0 });

/** Saving a template and sharing read the session first, so they need both session scopes. */
const readWriteKeys = { ...writeKeys, withScope: ['SESSIONS_READ', 'SESSIONS_WRITE'] } as const;

export const OWNER_ROWS: OperationEntry[] = [
  {
    name: "deleteSession of userA's session (its owner only: an edit share does not delete)",
    field: 'deleteSession',
    document: DELETE,
    variables: (fx) => ({ input: { sessionId: fx.sessionOfUserA, expectedVersion: 1 } }),
    keys: writeKeys,
    expect: ownerOnly(ok((fx: Fixture) => ({ deletedId: fx.sessionOfUserA }))),
    unchanged: SESSION_PROBE,
  },
  {
    name: "saveSessionAsTemplate of userA's session (its owner only)",
    field: 'saveSessionAsTemplate',
    document: SAVE_TEMPLATE,
    variables: (fx) => ({ input: { sessionId: fx.sessionOfUserA, name: 'authz-matrix copy' } }),
    keys: readWriteKeys,
    expect: ownerOnly(ok({ template: { name: 'authz-matrix copy' } })),
    unchanged: SESSION_PROBE,
  },
  {
    name: "shareSession of userA's session (its owner only: an edit share does not share on)",
    field: 'shareSession',
    document: SHARE,
    variables: (fx) => ({ input: { sessionId: fx.sessionOfUserA, canEdit: true } }),
    keys: readWriteKeys,
    expect: ownerOnly(ok({ share: { canEdit: true } })),
    unchanged: SESSION_PROBE,
  },
  {
    name: "revokeShare of userA's share to userB (the sharer only; to others it does not exist)",
    field: 'revokeShare',
    document: REVOKE,
    variables: (fx) => ({ input: { shareId: fx.shareForUserB.id } }),
    keys: writeKeys,
    expect: ownerOnly(ok({ share: { isActive: false } }), NOT_FOUND),
    unchanged: SESSION_PROBE,
  },
  {
    name: "replaySession of userA's session (its owner, and userB's bound share with canClone; not an edit share)",
    field: 'replaySession',
    document: REPLAY,
    variables: (fx) => ({ input: { sessionId: fx.sessionOfUserA, withData: false } }),
    keys: writeKeys,
    expect: {
      ...ownerOnly(REPLAYED, NOT_FOUND),
      userB: REPLAYED,
      // A share bound to the editor is found, and does not allow copying.
      editGrantee: FORBIDDEN,
    },
    unchanged: STARTS_PROBE,
  },
  {
    name: 'cloneSharedSession with the open edit share token (it does not allow copying)',
    field: 'cloneSharedSession',
    document: CLONE,
    variables: (fx) => ({ input: { token: fx.openEditShare.token } }),
    keys: writeKeys,
    expect: { ...ownerOnly(FORBIDDEN), editTokenHolder: FORBIDDEN },
    unchanged: STARTS_PROBE,
  },
];
