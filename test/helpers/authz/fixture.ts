import { insertWizards } from '../fixtures';
import type { TestDatabase } from '../test-database';
import type { TestServer } from '../test-server';

/**
 * The signed-in accounts of the matrix. `editor` holds an edit share of userA's session bound to
 * them; `stranger` knows nobody and signs in with the token of an open edit share.
 */
export const ACCOUNTS = ['userA', 'userB', 'admin', 'superAdmin', 'editor', 'stranger'] as const;
export type AccountName = (typeof ACCOUNTS)[number];

export const ROLES: Record<AccountName, string> = {
  userA: 'USER',
  userB: 'USER',
  admin: 'ADMIN',
  superAdmin: 'SUPER_ADMIN',
  editor: 'USER',
  stranger: 'USER',
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

/** Names of userA's two templates of their session. */
export const TEMPLATES = { public: 'authz-public-template', private: 'authz-private-template' };

/** The public wizard's one step, so that sessions can run on it. */
export const RUNNABLE_STEP = {
  key: 'only',
  name: 'Only step',
  optionSets: [
    { key: 'pick', name: 'Pick', options: [{ key: 'one', label: 'One', price: '3.00' }] },
  ],
};

const START_SESSION = `mutation($input: StartSessionInput!) { startSession(input: $input) { session { id } } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`;

export const keyName = (spec: KeySpec) => `${spec.owner}: ${spec.scopes.join(' ')}`;

/** The accounts, keys, wizards and security event every matrix cell runs against. */
export class Fixture {
  readonly accounts = {} as Record<AccountName, Account>;
  readonly wizardIds = {} as Record<WizardName, string>;
  /** A session userA started on the public wizard (at version 1, nothing answered). */
  sessionOfUserA = '';
  /** userA's share of their session, bound to userB (view and clone, no edit). */
  shareForUserB = { id: '', token: '' };
  /** userA's edit-only share of their session, bound to editor. */
  editShareForEditor = { id: '', token: '' };
  /** userA's open edit-only share of their session (its token goes in X-Share-Token). */
  openEditShare = { id: '', token: '' };

  /** The public wizard's step, set and option (RUNNABLE_STEP). */
  runnable = { stepId: '', setId: '', optionId: '' };
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
      Object.values(WIZARDS).map((wizard) => ({
        ...wizard,
        name: wizard.key,
        steps: wizard === WIZARDS.public ? [RUNNABLE_STEP] : [],
      })),
    );
    (Object.keys(WIZARDS) as WizardName[]).forEach((name, i) => {
      fixture.wizardIds[name] = String(ids[i]);
    });
    const [part] = await db.dataSource.query<
      { step_id: number; set_id: number; option_id: number }[]
    >(
      `SELECT st.step_id, os.set_id, o.option_id FROM wizard_steps st
         JOIN wizard_option_sets os ON os.step_id = st.step_id
         JOIN wizard_options o ON o.set_id = os.set_id
        WHERE st.wizard_id = $1`,
      [fixture.wizardIds.public],
    );
    fixture.runnable = {
      stepId: String(part.step_id),
      setId: String(part.set_id),
      optionId: String(part.option_id),
    };
    const { body: started } = await server.graphql(
      START_SESSION,
      { input: { wizardId: fixture.wizardIds.public } },
      { authorization: `Bearer ${fixture.accounts.userA.token}` },
    );
    if (!started.data?.startSession) throw new Error('could not start the fixture session');
    fixture.sessionOfUserA = started.data.startSession.session.id;
    await fixture.shareAndSaveTemplates();
    await db.dataSource.query(
      `INSERT INTO security_events (kind, severity, user_id, details)
       VALUES ('LOGIN_FAILED', 'WARNING', $1, $2)`,
      [fixture.accounts.userA.id, { marker: EVENT_MARKER }],
    );
    return fixture;
  }

  /** userA saves a public and a private template of their session, and shares it three ways. */
  private async shareAndSaveTemplates(): Promise<void> {
    const asA = { authorization: `Bearer ${this.accounts.userA.token}` };
    for (const [name, isPublic] of [
      [TEMPLATES.public, true],
      [TEMPLATES.private, false],
    ] as const) {
      const { body } = await this.server.graphql(
        `mutation($input: SaveSessionAsTemplateInput!) { saveSessionAsTemplate(input: $input) { template { id } } }`,
        { input: { sessionId: this.sessionOfUserA, name, isPublic } },
        asA,
      );
      if (!body.data?.saveSessionAsTemplate) throw new Error(`could not save template ${name}`);
    }
    this.shareForUserB = await this.share({ sharedWithUserId: this.accounts.userB.id });
    const editOnly = { canView: false, canClone: false, canEdit: true };
    this.editShareForEditor = await this.share({
      ...editOnly,
      sharedWithUserId: this.accounts.editor.id,
    });
    this.openEditShare = await this.share(editOnly);
  }

  /** A share of userA's session, made by userA. */
  private async share(input: Record<string, unknown>): Promise<{ id: string; token: string }> {
    const { body } = await this.server.graphql(
      `mutation($input: ShareSessionInput!) { shareSession(input: $input) { shareToken share { id } } }`,
      { input: { sessionId: this.sessionOfUserA, ...input } },
      { authorization: `Bearer ${this.accounts.userA.token}` },
    );
    if (!body.data?.shareSession) throw new Error('could not share the fixture session');
    return { id: body.data.shareSession.share.id, token: body.data.shareSession.shareToken };
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
