import type { DataSource } from 'typeorm';
import {
  DELETE,
  failure,
  ok,
  SESSION,
  SessionDriver,
  type KeyedAnswer,
  type WizardIds,
} from './sessions';
import type { GraphQLResponse, TestServer } from './test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

/**
 * Whole sessions as data: a case is a list of moves, each with what must hold afterwards. The
 * runner (runFlow) sends each move through the API as a client would and checks, besides what
 * the move names, the invariants of every move: a refused mutation changes nothing (same version,
 * no activity row, same selections); an accepted one bumps the version by one and writes exactly
 * the activity rows of its kind; a preview or a read writes nothing.
 */

/** `['a', 'b']` chooses options by key; a string is a value; anything else is a KeyedAnswer. */
export type Answers = Record<string, string[] | string | KeyedAnswer>;

/** Where the flow went, by keys: `to` is the next step's key (null on completion). */
export interface NextExpect {
  to: string | null;
  via: 'RULE' | 'DEFAULT' | 'COMPLETE';
  rule: string | null;
  optional: boolean;
  reason: string;
}

export interface Expect {
  /** `CODE` or `CODE REASON` (CONFLICT's extensions.reason). */
  error?: string;
  /** Problems as `CODE setKey.optionKey` (`CODE setKey`, or `CODE` for step-level ones). */
  problems?: string[];
  /** completeSession's refusal: `stepKey (reason)`. */
  missing?: string[];
  /** extensions.fields[].field of a BAD_USER_INPUT. */
  fields?: string[];
  current?: string | null;
  status?: string;
  /** `key:STATUS`, with `:optional` when an OPTIONAL rule led there. */
  path?: string[];
  price?: string;
  /** `step.set.option price`, in order. */
  lines?: string[];
  /** done, remaining, total, percent. */
  progress?: [number, number, number, number];
  next?: NextExpect | null;
  /**
   * By key (`step`, `step.set`, `step.set.option`); unnamed parts must be empty, and so must all
   * of it when this is left out. null: not checked.
   */
  pruned?: { steps?: string[]; sets?: string[]; options?: string[] } | null;
  /** `step.set.option`, or `step.set=value`, then ` +input` for additional input. */
  selections?: string[];
  /** `stepKey: reason`. */
  skips?: string[];
  /** The current step's view: `@step`, each `set` and `set.option` → its flags in words. */
  view?: Record<string, string>;
  /** The current step's draft as `set.option` / `set=value`, or null. */
  draft?: string[] | null;
  autoAdvanced?: boolean;
  /** `ok`, or the missing steps as `stepKey (reason)`. */
  completion?: 'ok' | string[];
  /** Matched (toMatchObject) against the session object. */
  session?: AnyData;
  /** The activity rows this move writes; by default those of its kind. */
  activity?: string[];
  /** The whole log read through the activityLog query, oldest first. */
  activityLog?: string[];
  /** previewStep: whether the answers would be accepted. */
  ok?: boolean;
  /** The session row as stored (see STORED_ROW). */
  stored?: StoredRow;
  /** `wizard(id)` read by an admin. */
  wizard?: { totalStarts: number; totalCompletions: number; avgCompletionTimeMinutes: number };
}

type Kind =
  | 'start'
  | 'submit'
  | 'draft'
  | 'preview'
  | 'back'
  | 'skip'
  | 'pause'
  | 'resume'
  | 'complete'
  | 'remove'
  | 'read'
  | 'sql'
  | 'rows'
  | 'stored'
  | 'counters';

export interface Move {
  kind: Kind;
  /** Names the move in a failure message. */
  label?: string;
  /** startSession's input besides the wizard. */
  input?: AnyData;
  /** `read` as an author (ADMIN) instead of the player. */
  asAuthor?: boolean;
  /** `rows`: the rows the SQL must return. */
  rows?: AnyData[];
  step?: string;
  answers?: Answers;
  reason?: string;
  /** SQL run as the system; `$1` is the session id. */
  sql?: string;
  expect: Expect;
}

export const start = (expect: Expect = {}, input: AnyData = {}): Move => ({
  kind: 'start',
  input,
  expect,
});
export const submit = (step: string, answers: Answers, expect: Expect = {}): Move => ({
  kind: 'submit',
  step,
  answers,
  expect,
});
export const draft = (step: string, answers: Answers, expect: Expect = {}): Move => ({
  kind: 'draft',
  step,
  answers,
  expect,
});
export const preview = (step: string, answers: Answers, expect: Expect = {}): Move => ({
  kind: 'preview',
  step,
  answers,
  expect,
});
export const back = (expect: Expect = {}): Move => ({ kind: 'back', expect });
export const skip = (reason: string | undefined, expect: Expect = {}): Move => ({
  kind: 'skip',
  reason,
  expect,
});
export const pause = (expect: Expect = {}): Move => ({ kind: 'pause', expect });
export const resume = (expect: Expect = {}): Move => ({ kind: 'resume', expect });
export const complete = (expect: Expect = {}): Move => ({ kind: 'complete', expect });
export const remove = (expect: Expect = {}): Move => ({ kind: 'remove', expect });
export const read = (expect: Expect): Move => ({ kind: 'read', expect });
export const readAsAuthor = (expect: Expect): Move => ({ kind: 'read', asAuthor: true, expect });
/** SQL run as the system (`$1` is the session id) that must return exactly these rows. */
export const rows = (text: string, expected: AnyData[]): Move => ({
  kind: 'rows',
  sql: text,
  rows: expected,
  expect: {},
});
export const sql = (text: string): Move => ({ kind: 'sql', sql: text, expect: {} });
export const stored = (row: StoredRow): Move => ({ kind: 'stored', expect: { stored: row } });
export const counters = (wizard: Expect['wizard']): Move => ({
  kind: 'counters',
  expect: { wizard },
});

export const byDefault = (to: string): NextExpect => ({
  to,
  via: 'DEFAULT',
  rule: null,
  optional: false,
  reason: 'default order',
});
export const toCompletion: NextExpect = {
  to: null,
  via: 'COMPLETE',
  rule: null,
  optional: false,
  reason: 'complete',
};
/** A rule fired: `why` is the engine's account (`it always applies`, `option "x" was selected`). */
export const byRule = (
  to: string,
  rule: string,
  type: 'REQUIRED' | 'OPTIONAL' | 'CONDITIONAL',
  why: string,
): NextExpect => ({
  to,
  via: 'RULE',
  rule,
  optional: type === 'OPTIONAL',
  reason: `rule "${rule}" (${type}) fired: ${why}`,
});

/** The activity rows an accepted move of each kind writes. */
const ACTIVITY: Record<Kind, string[]> = {
  start: ['SESSION_STARTED'],
  submit: ['STEP_COMPLETED'],
  draft: [],
  preview: [],
  back: [],
  skip: ['STEP_SKIPPED'],
  pause: ['SESSION_PAUSED'],
  resume: ['SESSION_RESUMED'],
  complete: ['SESSION_COMPLETED'],
  remove: ['SESSION_DELETED'],
  read: [],
  sql: [],
  rows: [],
  stored: [],
  counters: [],
};
const MUTATIONS = new Set<Kind>([
  'submit',
  'draft',
  'back',
  'skip',
  'pause',
  'resume',
  'complete',
  'remove',
]);

/** previewStep with every field the expectations name. */
const PREVIEW = `mutation($input: PreviewStepInput!) { previewStep(input: $input) {
  ok problems { code setId setKey optionId message }
  next { step { id key } complete via rule { id name type } optional reason }
  price { total lines { id price } } progress { stepsDone stepsRemaining percent }
  pruned { stepIds setIds optionIds } } }`;

/** What the session row holds, read as the system (no clock readings, only whether they are set). */
export interface StoredRow {
  isCompleted: boolean;
  completedAtSet: boolean;
  completionTimeMinutes: number | null;
  totalPrice: string;
  currentStep: string | null;
  draftStep: string | null;
}
const STORED_ROW = `SELECT s.is_completed AS "isCompleted", s.completed_at IS NOT NULL AS "completedAtSet",
  s.completion_time_minutes AS "completionTimeMinutes", s.total_price::text AS "totalPrice",
  cur.step_key AS "currentStep", dr.step_key AS "draftStep"
  FROM wizard_user_sessions s
  LEFT JOIN wizard_steps cur ON cur.step_id = s.current_step_id
  LEFT JOIN wizard_steps dr ON dr.step_id = s.draft_step_id
  WHERE s.session_id = $1`;

const WIZARD_COUNTERS = `query($id: ID) { wizard(id: $id) {
  totalStarts totalCompletions avgCompletionTimeMinutes } }`;

/** Keys of a wizard's parts by id. */
class Keys {
  readonly step = new Map<string, string>();
  readonly set = new Map<string, string>();
  readonly option = new Map<string, string>();

  constructor(ids: WizardIds) {
    for (const [key, id] of Object.entries(ids.step)) this.step.set(id, key);
    for (const [key, id] of Object.entries(ids.set)) this.set.set(id, key);
    for (const [key, id] of Object.entries(ids.option)) this.option.set(id, key);
  }

  /** `set.option` (the step's key dropped). */
  shortOption(id: string): string {
    return this.option.get(id)?.split('.').slice(1).join('.') ?? `option#${id}`;
  }
}

const words = (flags: Record<string, unknown>): string =>
  Object.entries(flags)
    .filter(([, on]) => on)
    .map(([word]) => word)
    .join(' ');

function viewFlags(view: AnyData | null): Record<string, string> | null {
  if (!view) return null;
  const flags: Record<string, string> = {
    '@step': words({
      canGoBack: view.canGoBack,
      canSkip: view.canSkip,
      optional: view.optional,
      autoAdvance: view.autoAdvance,
    }),
  };
  for (const set of view.sets as AnyData[]) {
    flags[set.key] = words({
      visible: set.visible,
      hidden: !set.visible,
      required: set.required,
    });
    for (const option of set.options as AnyData[])
      flags[`${set.key}.${option.key}`] = words({
        visible: option.visible,
        hidden: !option.visible,
        disabled: option.disabled,
        required: option.required,
        selected: option.selected,
        default: option.default,
        recommended: option.recommended,
      });
  }
  return flags;
}

function answerWords(keys: Keys, answers: AnyData[]): string[] {
  return answers.flatMap((answer) => {
    const set = keys.set.get(answer.setId)?.split('.')[1] ?? `set#${answer.setId}`;
    if (answer.optionIds.length)
      return (answer.optionIds as string[]).map((id) => keys.shortOption(id));
    return [`${set}=${answer.value ?? JSON.stringify(answer.file)}`];
  });
}

function selectionWords(keys: Keys, rows: AnyData[]): string[] {
  return rows.map((row) => {
    const where = row.optionId
      ? (keys.option.get(row.optionId) ?? `option#${row.optionId}`)
      : `${keys.set.get(row.setId)}=${row.selectedValue}`;
    const input = row.additionalInput ? ` +${row.additionalInput.text}` : '';
    return where + input;
  });
}

const problemWords = (keys: Keys, problems: AnyData[]): string[] =>
  problems.map((problem) => {
    const option = problem.optionId ? `.${keys.shortOption(problem.optionId).split('.')[1]}` : '';
    return problem.setKey ? `${problem.code} ${problem.setKey}${option}` : String(problem.code);
  });

function nextWords(keys: Keys, next: AnyData | null): NextExpect | null {
  if (!next) return null;
  expect(next.complete).toBe(next.via === 'COMPLETE');
  return {
    to: next.step ? (keys.step.get(next.step.id) ?? `step#${next.step.id}`) : null,
    via: next.via,
    rule: next.rule?.name ?? null,
    optional: next.optional,
    reason: next.reason,
  };
}

function prunedWords(keys: Keys, pruned: AnyData) {
  return {
    steps: (pruned.stepIds as string[]).map((id) => keys.step.get(id)),
    sets: (pruned.setIds as string[]).map((id) => keys.set.get(id)),
    options: (pruned.optionIds as string[]).map((id) => keys.option.get(id)),
  };
}

const emptyPruned = { steps: [], sets: [], options: [] };

/** What a session looks like from outside, by keys, for the expectations that name it. */
function checkSession(keys: Keys, session: AnyData, want: Expect): void {
  const got: AnyData = {};
  const wanted: AnyData = {};
  const compare = (name: keyof Expect, value: () => unknown) => {
    if (want[name] === undefined) return;
    got[name] = value();
    wanted[name] = want[name];
  };
  compare('current', () => (session.currentStep ? session.currentStep.key : null));
  compare('status', () => session.status);
  compare('path', () =>
    (session.path as AnyData[]).map(
      (step) => `${step.key}:${step.status}${step.optional ? ':optional' : ''}`,
    ),
  );
  compare('price', () => session.price.total);
  compare('lines', () =>
    (session.price.lines as AnyData[]).map((line) => `${keys.option.get(line.id)} ${line.price}`),
  );
  compare('progress', () => {
    const p = session.progress;
    return [p.stepsDone, p.stepsRemaining, p.totalSteps, p.percent];
  });
  compare('selections', () => selectionWords(keys, session.selections));
  compare('skips', () =>
    (session.skips as AnyData[]).map((row) => `${keys.step.get(row.stepId)}: ${row.reason}`),
  );
  compare('view', () => viewFlags(session.currentStep));
  compare('draft', () => {
    const saved = session.currentStep?.draft;
    return saved ? answerWords(keys, saved.answers) : null;
  });
  compare('completion', () =>
    session.completion.ok
      ? 'ok'
      : (session.completion.missing as AnyData[]).map((m) => `${m.stepKey} (${m.reason})`),
  );
  expect(got).toEqual(wanted);
  if (want.session) expect(session).toMatchObject(want.session);
  // The price shown and the price stored agree.
  expect(session.totalPrice).toBe(session.price.total);
}

interface Trace {
  version: number;
  activity: string[];
  selections: number[];
}

/** Everything a case needs: the server, the database, the wizard, who plays and who reads. */
export interface FlowContext {
  server: TestServer;
  dataSource: DataSource;
  ids: WizardIds;
  headers: Record<string, string>;
  adminHeaders: Record<string, string>;
  /** Play without an account: start anonymously, then send the session token. */
  guest?: boolean;
}

/** The session's version, activity rows and selection ids, read as the system. */
async function trace(dataSource: DataSource, sessionId: string): Promise<Trace> {
  const [row] = await dataSource.query<
    { version: number; activity: string[]; selections: number[] }[]
  >(
    `SELECT s.row_version AS version,
            ARRAY(SELECT a.activity_type FROM wizard_session_activity_log a
                   WHERE a.session_id = s.session_id ORDER BY a.log_id)::text[] AS activity,
            ARRAY(SELECT x.selection_id FROM wizard_user_selections x
                   WHERE x.session_id = s.session_id ORDER BY x.selection_id)::int[] AS selections
       FROM wizard_user_sessions s WHERE s.session_id = $1`,
    [sessionId],
  );
  return row;
}

function keyedAnswers(answers: Answers): Record<string, KeyedAnswer> {
  return Object.fromEntries(
    Object.entries(answers).map(([set, answer]) => [
      set,
      Array.isArray(answer)
        ? { options: answer }
        : typeof answer === 'string'
          ? { value: answer }
          : answer,
    ]),
  );
}

function checkError(keys: Keys, response: GraphQLResponse, want: Expect, before: Trace | null) {
  const { code, extensions } = failure(response);
  const [wantCode, wantReason] = (want.error ?? '').split(' ');
  expect({ code, reason: extensions.reason }).toEqual({ code: wantCode, reason: wantReason });
  if (wantCode === 'CONFLICT' && before) expect(extensions.currentVersion).toBe(before.version);
  if (want.problems) expect(problemWords(keys, extensions.problems ?? [])).toEqual(want.problems);
  if (want.missing)
    expect((extensions.missing as AnyData[]).map((m) => `${m.stepKey} (${m.reason})`)).toEqual(
      want.missing,
    );
  if (want.fields)
    expect((extensions.fields as AnyData[]).map((field) => field.field)).toEqual(want.fields);
}

async function send(driver: SessionDriver, move: Move): Promise<GraphQLResponse | AnyData> {
  const answers = keyedAnswers(move.answers ?? {});
  switch (move.kind) {
    case 'submit':
      return driver.submit(move.step!, answers);
    case 'draft':
      return driver.draft(move.step!, answers);
    case 'preview':
      return driver.server.graphql(
        PREVIEW,
        { input: driver.stepInput(move.step!, answers, driver.version) },
        driver.headers,
      );
    case 'back':
      return driver.back();
    case 'skip':
      return driver.skip(move.reason);
    case 'pause':
      return driver.pause();
    case 'resume':
      return driver.resume();
    case 'complete':
      return driver.complete();
    case 'remove':
      return driver.server.graphql(
        DELETE,
        { input: { sessionId: driver.id, expectedVersion: driver.version } },
        driver.headers,
      );
    default:
      throw new Error(`not a request: ${move.kind}`);
  }
}

async function readSession(driver: SessionDriver): Promise<AnyData> {
  const session = await driver.read();
  driver.last = session;
  return session;
}

/** One move: send it, check what it names, then the invariants of its kind. */
async function runMove(context: FlowContext, driver: SessionDriver, keys: Keys, move: Move) {
  const want = move.expect;
  const before = driver.id ? await trace(context.dataSource, driver.id) : null;
  let session: AnyData | null = null;
  let refused = false;
  if (move.kind === 'start') {
    session = await driver.start(move.input);
    // A guest goes on with the token it was handed.
    if (context.guest) driver.headers['x-session-token'] = driver.token;
  } else if (move.kind === 'sql') {
    await context.dataSource.query(move.sql!, [driver.id]);
  } else if (move.kind === 'rows') {
    expect(await context.dataSource.query(move.sql!, [driver.id])).toEqual(move.rows);
  } else if (move.kind === 'stored') {
    const [row] = await context.dataSource.query<StoredRow[]>(STORED_ROW, [driver.id]);
    expect(row).toEqual(want.stored);
  } else if (move.kind === 'counters') {
    const response = await context.server.graphql(
      WIZARD_COUNTERS,
      { id: context.ids.wizardId },
      context.adminHeaders,
    );
    expect(ok(response).wizard).toEqual(want.wizard);
  } else if (move.kind === 'read' && want.error) {
    const response = await driver.server.graphql(SESSION, { id: driver.id }, driver.headers);
    checkError(keys, response, want, before);
  } else if (move.kind === 'read' && move.asAuthor) {
    const response = await driver.server.graphql(SESSION, { id: driver.id }, context.adminHeaders);
    session = ok(response).session;
  } else if (move.kind === 'read') {
    session = await readSession(driver);
  } else {
    const response = (await send(driver, move)) as GraphQLResponse;
    refused = want.error !== undefined;
    if (refused) checkError(keys, response, want, before);
    else {
      const payload = Object.values(ok(response))[0] as AnyData;
      if (move.kind === 'preview') {
        expect(payload.ok).toBe(want.ok ?? true);
        expect(problemWords(keys, payload.problems)).toEqual(want.problems ?? []);
        if (want.next !== undefined) expect(nextWords(keys, payload.next)).toEqual(want.next);
        if (want.price) expect(payload.price.total).toBe(want.price);
        if (want.lines)
          expect(
            (payload.price.lines as AnyData[]).map(
              (line) => `${keys.option.get(line.id)} ${line.price}`,
            ),
          ).toEqual(want.lines);
        if (want.progress) {
          const p = payload.progress;
          expect([
            p.stepsDone,
            p.stepsRemaining,
            p.stepsDone + p.stepsRemaining,
            p.percent,
          ]).toEqual(want.progress);
        }
        expect(prunedWords(keys, payload.pruned)).toEqual({ ...emptyPruned, ...want.pruned });
      } else if (move.kind === 'remove') {
        expect(payload).toEqual({ deletedId: driver.id });
      } else {
        session = payload.session;
        if ('pruned' in payload) {
          if (want.pruned !== null)
            expect(prunedWords(keys, payload.pruned)).toEqual({ ...emptyPruned, ...want.pruned });
          if (want.next !== undefined) expect(nextWords(keys, payload.next)).toEqual(want.next);
          expect(payload.autoAdvanced).toBe(want.autoAdvanced ?? false);
        }
      }
    }
  }
  if (session) checkSession(keys, session, want);
  if (want.activityLog) {
    const rows = await driver.activity();
    expect(rows.map((row) => row.type)).toEqual(want.activityLog);
  }
  if (!driver.id) return;
  const after = await trace(context.dataSource, driver.id);
  const written = after.activity.slice(
    before && move.kind !== 'start' ? before.activity.length : 0,
  );
  const wrote = refused ? [] : (want.activity ?? ACTIVITY[move.kind]);
  expect({ move: move.kind, activity: written }).toEqual({ move: move.kind, activity: wrote });
  if (move.kind === 'start') expect(after.version).toBe(1);
  else if (before && move.kind !== 'sql') {
    const bump = MUTATIONS.has(move.kind) && !refused ? 1 : 0;
    expect({ move: move.kind, version: after.version }).toEqual({
      move: move.kind,
      version: before.version + bump,
    });
    if (session) expect(session.version).toBe(after.version);
    if (!bump) expect(after.selections).toEqual(before.selections);
  }
}

/** Plays a case's moves in order as `context.headers`' account. */
export async function runFlow(context: FlowContext, moves: readonly Move[]): Promise<void> {
  const headers = context.guest ? {} : { ...context.headers };
  const driver = new SessionDriver(context.server, context.ids, headers);
  const keys = new Keys(context.ids);
  for (const [index, move] of moves.entries()) {
    try {
      await runMove(context, driver, keys, move);
    } catch (error) {
      const what = move.label ?? `${move.kind}${move.step ? ` ${move.step}` : ''}`;
      const where = `move ${index + 1} (${what})`;
      if (error instanceof Error) error.message = `${where}: ${error.message}`;
      throw error;
    }
  }
}
