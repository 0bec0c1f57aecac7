import {
  ACCOUNTS,
  ALL_SCOPES,
  emailOf,
  EVENT_MARKER,
  ROLES,
  type AccountName,
  type Fixture,
} from '../fixture';
import {
  BAD_USER_INPUT,
  FORBIDDEN,
  ok,
  UNAUTHENTICATED,
  type Expected,
  type OperationEntry,
} from '../matrix';
import { USERS_PROBE } from '../probes';

const SET_ROLE = `mutation($input: SetUserRoleInput!) {
  setUserRole(input: $input) { user { email role } } }`;
const SET_ACTIVE = `mutation($input: SetUserActiveInput!) {
  setUserActive(input: $input) { user { email isActive } } }`;

/** Keys of the given owner with every scope, and with one: no scope covers user management. */
const keysOf = (owner: AccountName) =>
  ({ owner, withScope: ALL_SCOPES, withoutScope: ['ANALYTICS_READ'] }) as const;

const idOf = (fx: Fixture, account: AccountName | null) => fx.accounts[account ?? 'userA'].id;

/** Everybody but a SUPER_ADMIN's session is refused; the SUPER_ADMIN gets `superAdmin`. */
const refusedUnlessSuperAdmin = (superAdmin: Expected) => ({
  userA: FORBIDDEN,
  userB: FORBIDDEN,
  anonymous: UNAUTHENTICATED,
  admin: FORBIDDEN,
  superAdmin,
  keyWithScope: FORBIDDEN,
  keyWithoutScope: FORBIDDEN,
});

export const USER_ROWS: OperationEntry[] = [
  {
    name: 'users',
    field: 'users',
    document: '{ users(first: 100) { edges { node { email role isActive } } } }',
    keys: keysOf('superAdmin'),
    expect: refusedUnlessSuperAdmin(
      ok({
        edges: ACCOUNTS.map((account) => ({
          node: { email: emailOf(account), role: ROLES[account], isActive: true },
        })),
      }),
    ),
  },
  {
    name: 'setUserRole (raise yourself to SUPER_ADMIN)',
    field: 'setUserRole',
    document: SET_ROLE,
    variables: (fx, self) => ({ input: { userId: idOf(fx, self), role: 'SUPER_ADMIN' } }),
    keys: keysOf('admin'),
    // Nobody changes their own role, not even a SUPER_ADMIN.
    expect: refusedUnlessSuperAdmin(FORBIDDEN),
    unchanged: USERS_PROBE,
  },
  {
    name: 'setUserRole (make userB an ADMIN)',
    field: 'setUserRole',
    document: SET_ROLE,
    variables: (fx) => ({ input: { userId: fx.accounts.userB.id, role: 'ADMIN' } }),
    keys: keysOf('superAdmin'),
    expect: refusedUnlessSuperAdmin(ok({ user: { email: emailOf('userB'), role: 'ADMIN' } })),
    unchanged: USERS_PROBE,
  },
  {
    name: 'setUserRole (demote the SUPER_ADMIN)',
    field: 'setUserRole',
    document: SET_ROLE,
    variables: (fx) => ({ input: { userId: fx.accounts.superAdmin.id, role: 'USER' } }),
    keys: keysOf('superAdmin'),
    expect: refusedUnlessSuperAdmin(FORBIDDEN),
    unchanged: USERS_PROBE,
  },
  {
    name: 'setUserActive (deactivate userB)',
    field: 'setUserActive',
    document: SET_ACTIVE,
    variables: (fx) => ({ input: { userId: fx.accounts.userB.id, isActive: false } }),
    keys: keysOf('superAdmin'),
    expect: refusedUnlessSuperAdmin(ok({ user: { email: emailOf('userB'), isActive: false } })),
    unchanged: USERS_PROBE,
  },
  {
    name: 'setUserActive (deactivate yourself)',
    field: 'setUserActive',
    document: SET_ACTIVE,
    variables: (fx, self) => ({ input: { userId: idOf(fx, self), isActive: false } }),
    keys: keysOf('superAdmin'),
    expect: refusedUnlessSuperAdmin(BAD_USER_INPUT),
    unchanged: USERS_PROBE,
  },
  {
    name: 'securityEvents',
    field: 'securityEvents',
    document: `query($userId: ID) {
      securityEvents(filter: { userId: $userId, kind: LOGIN_FAILED }) {
        edges { node { kind details } } } }`,
    variables: (fx) => ({ userId: fx.accounts.userA.id }),
    keys: keysOf('superAdmin'),
    expect: refusedUnlessSuperAdmin(
      ok({ edges: [{ node: { kind: 'LOGIN_FAILED', details: { marker: EVENT_MARKER } } }] }),
    ),
  },
];
