import {
  ALL_SCOPES,
  emailOf,
  PASSWORD,
  ROLES,
  type AccountName,
  type Fixture,
  type KeySpec,
} from '../fixture';
import { FORBIDDEN, NOT_FOUND, NULL, ok, UNAUTHENTICATED, type OperationEntry } from '../matrix';
import { API_KEYS_PROBE, USERS_PROBE } from '../probes';

/** Every account owns one key, so `apiKeys` can show that nobody sees another's. */
export const ownKey = (owner: AccountName): KeySpec => ({ owner, scopes: ['SESSIONS_WRITE'] });
export const ACCOUNT_KEYS: KeySpec[] = (['userA', 'userB', 'admin', 'superAdmin'] as const).map(
  ownKey,
);

/** No scope covers these operations: "with scope" is a key with every scope. */
const keysOf = (owner: AccountName) =>
  ({ owner, withScope: ALL_SCOPES, withoutScope: ['WIZARDS_READ'] }) as const;

const profile = (account: AccountName) =>
  ok((fx: Fixture) => ({
    id: fx.accounts[account].id,
    email: emailOf(account),
    role: ROLES[account],
  }));
const keyList = (owner: AccountName) =>
  ok((fx: Fixture) => ({ edges: fx.keyNamesOf(owner).map((name) => ({ node: { name } })) }));
const passwordChanged = (account: AccountName) => ok({ user: { email: emailOf(account) } });
const minted = (owner: AccountName) =>
  ok((fx: Fixture) => ({
    apiKey: { name: 'minted', scopes: ['WIZARDS_READ'], userId: fx.accounts[owner].id },
  }));

export const ACCOUNT_ROWS: OperationEntry[] = [
  {
    name: 'me',
    field: 'me',
    document: '{ me { id email role } }',
    keys: keysOf('userA'),
    expect: {
      userA: profile('userA'),
      userB: profile('userB'),
      anonymous: NULL,
      admin: profile('admin'),
      superAdmin: profile('superAdmin'),
      // A key acts as its owner; reading the owner's profile needs no scope.
      keyWithScope: profile('userA'),
      keyWithoutScope: profile('userA'),
    },
  },
  {
    name: 'changePassword',
    field: 'changePassword',
    document: `mutation($input: ChangePasswordInput!) {
      changePassword(input: $input) { user { email } } }`,
    variables: () => ({
      input: { currentPassword: PASSWORD, newPassword: 'another long password' },
    }),
    keys: keysOf('userA'),
    expect: {
      userA: passwordChanged('userA'),
      userB: passwordChanged('userB'),
      anonymous: UNAUTHENTICATED,
      admin: passwordChanged('admin'),
      superAdmin: passwordChanged('superAdmin'),
      keyWithScope: FORBIDDEN,
      keyWithoutScope: FORBIDDEN,
    },
    unchanged: USERS_PROBE,
  },
  {
    name: 'apiKeys (each account sees only its own)',
    field: 'apiKeys',
    document: '{ apiKeys(first: 100) { edges { node { name } } } }',
    keys: keysOf('userA'),
    expect: {
      userA: keyList('userA'),
      userB: keyList('userB'),
      anonymous: UNAUTHENTICATED,
      admin: keyList('admin'),
      superAdmin: keyList('superAdmin'),
      keyWithScope: FORBIDDEN,
      keyWithoutScope: FORBIDDEN,
    },
  },
  {
    name: 'createApiKey',
    field: 'createApiKey',
    document: `mutation($input: CreateApiKeyInput!) {
      createApiKey(input: $input) { apiKey { name scopes userId } } }`,
    variables: () => ({ input: { name: 'minted', scopes: ['WIZARDS_READ'] } }),
    keys: keysOf('superAdmin'),
    expect: {
      userA: minted('userA'),
      userB: minted('userB'),
      anonymous: UNAUTHENTICATED,
      admin: minted('admin'),
      superAdmin: minted('superAdmin'),
      keyWithScope: FORBIDDEN,
      keyWithoutScope: FORBIDDEN,
    },
    unchanged: API_KEYS_PROBE,
  },
  {
    name: "revokeApiKey (userA's key, by id)",
    field: 'revokeApiKey',
    document: `mutation($input: RevokeApiKeyInput!) {
      revokeApiKey(input: $input) { apiKey { id name } } }`,
    variables: (fx) => ({ input: { id: fx.key(ownKey('userA')).id } }),
    // The owner's own keys: the one owner a session would be allowed to revoke it for.
    keys: keysOf('userA'),
    expect: {
      userA: ok((fx: Fixture) => {
        const { id, name } = fx.key(ownKey('userA'));
        return { apiKey: { id, name } };
      }),
      // Another user's key does not exist for the caller, whatever their role.
      userB: NOT_FOUND,
      anonymous: UNAUTHENTICATED,
      admin: NOT_FOUND,
      superAdmin: NOT_FOUND,
      keyWithScope: FORBIDDEN,
      keyWithoutScope: FORBIDDEN,
    },
    unchanged: API_KEYS_PROBE,
  },
];
