import type { AccountName, Fixture, Scope } from './fixture';
import { execute, type Credentials, type Transport } from './transport';

/** Who asks: four accounts, nobody, and an API key with and without the operation's scope. */
export const ACTORS = [
  'userA',
  'userB',
  'anonymous',
  'admin',
  'superAdmin',
  'keyWithScope',
  'keyWithoutScope',
] as const;
export type BaseActorName = (typeof ACTORS)[number];

/**
 * Holders of userA's edit-only shares: `editGrantee` (the `editor` account, a share bound to it)
 * and `editTokenHolder` (the `stranger` account presenting an open share's token in
 * X-Share-Token, or connectionParams.shareToken). Rows on userA's session state their outcomes.
 */
export const SHARE_ACTORS = ['editGrantee', 'editTokenHolder'] as const;
export type ShareActorName = (typeof SHARE_ACTORS)[number];
export type ActorName = BaseActorName | ShareActorName;

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT';

/** What one cell must answer: the root field's value, or the error code (and no value). */
export type Outcome = { data: unknown } | { error: ErrorCode };
export type Expected = Outcome | ((fx: Fixture) => Outcome);

/** The root field's value, or a function of the fixture that gives it (for ids and key names). */
export function ok(data: unknown): Expected {
  if (typeof data !== 'function') return { data };
  const of = data as (fx: Fixture) => unknown;
  return (fx: Fixture) => ({ data: of(fx) });
}
export const NULL: Outcome = { data: null };
export const UNAUTHENTICATED: Outcome = { error: 'UNAUTHENTICATED' };
export const FORBIDDEN: Outcome = { error: 'FORBIDDEN' };
export const NOT_FOUND: Outcome = { error: 'NOT_FOUND' };
export const BAD_USER_INPUT: Outcome = { error: 'BAD_USER_INPUT' };
export const CONFLICT: Outcome = { error: 'CONFLICT' };

/** Reads the rows a mutation could change, and puts them back after an allowed cell. */
export interface Probe {
  read(fx: Fixture): Promise<unknown>;
  restore(fx: Fixture, before: unknown): Promise<void>;
}

/**
 * One row of the matrix: an operation (document + variables), the outcome for every actor, and for
 * mutations the rows it could change. Later features add rows by adding entries to rows/.
 */
export interface OperationEntry {
  name: string;
  /** The root field whose value the outcomes describe. */
  field: string;
  document: string;
  /** `self` is the account the actor acts as (a key's owner; null when anonymous). */
  variables?: (fx: Fixture, self: AccountName | null) => Record<string, unknown>;
  /**
   * Whose keys play keyWithScope / keyWithoutScope, and their scopes. Pick the owner for whom a
   * session would be allowed, so the key's limits are what is tested; where no scope covers the
   * operation, "with" is every scope.
   */
  keys: { owner: AccountName; withScope: readonly Scope[]; withoutScope: readonly Scope[] };
  expect: Record<BaseActorName, Expected> & Partial<Record<ShareActorName, Expected>>;
  /** Required for mutations: denied cells must leave these rows exactly as they were. */
  unchanged?: Probe;
}

export function keySpecsOf(entries: readonly OperationEntry[]) {
  return entries.flatMap(({ keys }) => [
    { owner: keys.owner, scopes: keys.withScope },
    { owner: keys.owner, scopes: keys.withoutScope },
  ]);
}

/** The actors a row states outcomes for: every base actor, and the share holders it names. */
export const actorsOf = (entry: OperationEntry): ActorName[] => [
  ...ACTORS,
  ...SHARE_ACTORS.filter((actor) => entry.expect[actor] !== undefined),
];

function actingAs(entry: OperationEntry, actor: ActorName): AccountName | null {
  if (actor === 'anonymous') return null;
  if (actor === 'editGrantee') return 'editor';
  if (actor === 'editTokenHolder') return 'stranger';
  if (actor === 'keyWithScope' || actor === 'keyWithoutScope') return entry.keys.owner;
  return actor;
}

function credentialsOf(fx: Fixture, entry: OperationEntry, actor: ActorName): Credentials {
  if (actor === 'anonymous') return {};
  if (actor === 'editGrantee') return { token: fx.accounts.editor.token };
  if (actor === 'editTokenHolder')
    return { token: fx.accounts.stranger.token, shareToken: fx.openEditShare.token };
  if (actor === 'keyWithScope' || actor === 'keyWithoutScope') {
    const scopes = actor === 'keyWithScope' ? entry.keys.withScope : entry.keys.withoutScope;
    return { apiKey: fx.key({ owner: entry.keys.owner, scopes }).secret };
  }
  return { token: fx.accounts[actor].token };
}

/** Runs one cell and checks its outcome, and for mutations what it did to the data. */
export async function checkCell(
  fx: Fixture,
  transport: Transport,
  entry: OperationEntry,
  actor: ActorName,
): Promise<void> {
  const spec = entry.expect[actor];
  if (spec === undefined) throw new Error(`the row "${entry.name}" states nothing for ${actor}`);
  const expected = typeof spec === 'function' ? spec(fx) : spec;
  const variables = entry.variables?.(fx, actingAs(entry, actor)) ?? {};
  const before = await entry.unchanged?.read(fx);
  const result = await execute(
    fx.server,
    transport,
    credentialsOf(fx, entry, actor),
    entry.document,
    variables,
  );
  const after = await entry.unchanged?.read(fx);
  try {
    const code = result.errors?.[0]?.extensions?.code;
    const actual = result.errors ? { error: code } : { data: result.data?.[entry.field] };
    expect(actual).toEqual(expected);
    if ('error' in expected) expect(result.data?.[entry.field] ?? null).toBeNull();
    if (entry.unchanged) {
      if ('error' in expected) expect(after).toEqual(before);
      else expect(after).not.toEqual(before);
    }
  } finally {
    if (entry.unchanged && !isDeepEqual(after, before)) {
      await entry.unchanged.restore(fx, before);
      expect(await entry.unchanged.read(fx)).toEqual(before);
    }
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
