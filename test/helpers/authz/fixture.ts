import { insertWizards } from '../fixtures';
import type { TestDatabase } from '../test-database';
import type { TestServer } from '../test-server';

/** The signed-in accounts of the matrix. */
export const ACCOUNTS = ['userA', 'userB', 'admin', 'superAdmin'] as const;
export type AccountName = (typeof ACCOUNTS)[number];

export const ROLES: Record<AccountName, string> = {
  userA: 'USER',
  userB: 'USER',
  admin: 'ADMIN',
  superAdmin: 'SUPER_ADMIN',
};

export const PASSWORD = 'a long password';
export const emailOf = (account: AccountName) => `${account.toLowerCase()}@authz.example`;

export const ALL_SCOPES = [
  'WIZARDS_READ',
  'WIZARDS_WRITE',
  'SESSIONS_READ',
  'SESSIONS_WRITE',
  'ANALYTICS_READ',
] as const;
export type Scope = (typeof ALL_SCOPES)[number];

/** Every scope but the given ones: the strongest key that still lacks them. */
export const allScopesBut = (...missing: Scope[]): Scope[] =>
  ALL_SCOPES.filter((scope) => !missing.includes(scope));

export interface KeySpec {
  owner: AccountName;
  scopes: readonly Scope[];
}

export interface Account {
  id: string;
  email: string;
  token: string;
}

export interface IssuedKey {
  id: string;
  name: string;
  secret: string;
}

/** One wizard per reason to hide it, and one everybody sees. */
export const WIZARDS = {
  public: { key: 'authz-public', isActive: true, isPublic: true, published: true },
  draft: { key: 'authz-draft', isActive: true, isPublic: true, published: false },
  private: { key: 'authz-private', isActive: true, isPublic: false, published: true },
  inactive: { key: 'authz-inactive', isActive: false, isPublic: true, published: true },
} as const;
export type WizardName = keyof typeof WIZARDS;

/** Marks the one security event the fixture writes, so a reader can be shown to see it. */
export const EVENT_MARKER = 'authz-matrix';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`;

export const keyName = (spec: KeySpec) => `${spec.owner}: ${spec.scopes.join(' ')}`;

/** The accounts, keys, wizards and security event every matrix cell runs against. */
export class Fixture {
  readonly accounts = {} as Record<AccountName, Account>;
  readonly wizardIds = {} as Record<WizardName, string>;
  /** Every key the fixture issued, in creation (= id) order. */
  private readonly keys: (IssuedKey & KeySpec)[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly server: TestServer,
  ) {}

  /** Registers the accounts, sets their roles, issues the given keys, inserts wizards. */
  static async create(db: TestDatabase, server: TestServer, keys: KeySpec[]): Promise<Fixture> {
    const fixture = new Fixture(db, server);
    for (const account of ACCOUNTS) await fixture.register(account);
    for (const spec of keys) {
      if (!fixture.keys.some((key) => keyName(key) === keyName(spec))) await fixture.issue(spec);
    }
    const ids = await insertWizards(
      db.dataSource,
      Object.values(WIZARDS).map((wizard) => ({ ...wizard, name: wizard.key, steps: [] })),
    );
    (Object.keys(WIZARDS) as WizardName[]).forEach((name, i) => {
      fixture.wizardIds[name] = String(ids[i]);
    });
    await db.dataSource.query(
      `INSERT INTO security_events (kind, severity, user_id, details)
       VALUES ('LOGIN_FAILED', 'WARNING', $1, $2)`,
      [fixture.accounts.userA.id, { marker: EVENT_MARKER }],
    );
    return fixture;
  }

  key(spec: KeySpec): IssuedKey {
    const key = this.keys.find((issued) => keyName(issued) === keyName(spec));
    if (!key) throw new Error(`the fixture has no key "${keyName(spec)}"`);
    return key;
  }

  /** Names of the keys an account owns, oldest first (what its `apiKeys` lists). */
  keyNamesOf(owner: AccountName): string[] {
    return this.keys.filter((key) => key.owner === owner).map((key) => key.name);
  }

  private async register(account: AccountName): Promise<void> {
    const email = emailOf(account);
    const { body } = await this.server.graphql(REGISTER, {
      input: { email, fullName: account, password: PASSWORD },
    });
    const { token, user } = body.data!.register;
    await this.db.dataSource.query('UPDATE users SET user_role = $1 WHERE user_id = $2', [
      ROLES[account],
      user.id,
    ]);
    this.accounts[account] = { id: user.id, email, token };
  }

  private async issue(spec: KeySpec): Promise<void> {
    const name = keyName(spec);
    const { body } = await this.server.graphql(
      CREATE_KEY,
      { input: { name, scopes: spec.scopes } },
      { authorization: `Bearer ${this.accounts[spec.owner].token}` },
    );
    if (!body.data?.createApiKey) throw new Error(`could not issue "${name}"`);
    const { secret, apiKey } = body.data.createApiKey;
    this.keys.push({ ...spec, id: apiKey.id, name, secret });
  }
}
