import type { DataSource } from 'typeorm';
import type { GraphQLEndpoint } from './test-server';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;

export interface TestAccount {
  id: string;
  token: string;
  /** Headers that authenticate as this account. */
  headers: Record<string, string>;
}

/** Registers an account through the API and, when a role is given, sets it in the database. */
export async function registerAccount(
  server: GraphQLEndpoint,
  dataSource: DataSource,
  email: string,
  role?: 'USER' | 'ADMIN' | 'SUPER_ADMIN',
): Promise<TestAccount> {
  const { body } = await server.graphql(REGISTER, {
    input: { email, fullName: email, password: 'a long password' },
  });
  if (!body.data) throw new Error(`register failed: ${JSON.stringify(body.errors)}`);
  const { token, user } = body.data.register as { token: string; user: { id: string } };
  if (role) {
    await dataSource.query('UPDATE users SET user_role = $1 WHERE user_id = $2', [role, user.id]);
  }
  return { id: user.id, token, headers: { authorization: `Bearer ${token}` } };
}

/** An API key of the account with the given scopes; returns headers that send it. */
export async function apiKeyHeaders(
  server: GraphQLEndpoint,
  owner: TestAccount,
  scopes: string[],
): Promise<Record<string, string>> {
  const { body } = await server.graphql(
    CREATE_KEY,
    { input: { name: 'test key', scopes } },
    owner.headers,
  );
  if (!body.data) throw new Error(`createApiKey failed: ${JSON.stringify(body.errors)}`);
  return { 'x-api-key': (body.data.createApiKey as { secret: string }).secret };
}
