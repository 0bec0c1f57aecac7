import type { PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { GuestViewer, Viewer } from '../auth/viewer';
import {
  currentName,
  isPreparedOn,
  notePreparedFailure,
  notePreparedOn,
} from './prepared-statement';
import { asSystemWithin } from './system-context';
import {
  ACCOUNT_SETTINGS_SQL,
  APP_ROLE,
  executeAccountSettingsSql,
  shareConfigSql,
  viewerConfigSql,
  viewerSettingsSql,
} from './viewer-settings';

/** A validated share token: which share, which session, and what it grants. */
export interface ShareGrant {
  shareId: number;
  sessionId: number;
  canEdit: boolean;
  includeUserData: boolean;
}

type AfterCommit = () => void | Promise<void>;

/** What checking a bearer token reads of its account (rls.token_account). */
export interface TokenAccount {
  user_id: number;
  user_role: string;
  is_active: boolean;
  password_hash: string;
}

/** The SQL-prepared account check (ACCOUNT_SETTINGS_SQL), moved on by a migration as others. */
const ACCOUNT_STATEMENT = 'mwp_account_settings';

type SendBatch = (sql: string) => Promise<QueryResult[]>;

/**
 * The database as one request's viewer sees it: all of the request's statements run in one
 * transaction on one pooled connection, as the application role with the viewer set, so
 * row-level security applies to every one of them. The transaction opens on the first statement
 * (a request that needs no data holds no connection) and ends with finish().
 *
 * Writes go through transaction(): a failed mutation undoes only its own work, and what earlier
 * fields of the same document wrote still commits. Each write after the first has a savepoint;
 * the first needs none, since undoing it is undoing the whole transaction (see reopen).
 *
 * Every round trip to the database costs the server a socket write and a wake-up, so the
 * framing takes as few as it can: the transaction opens in one simple-query batch (START, the
 * role and the viewer's settings), a savepoint is never released (COMMIT releases it), and a
 * bearer token's account check can be the batch's first statement (openForAccount).
 */
export class RequestDatabase {
  private opening?: Promise<QueryRunner>;
  private afterCommit: AfterCommit[] = [];
  private afterRelease: AfterCommit[] = [];
  /** Savepoints on one connection must nest, so concurrent transaction() calls queue. */
  private writes: Promise<unknown> = Promise.resolve();
  private share?: ShareGrant;
  private savepoints = 0;
  /** The account openForAccount() read, whose settings the transaction carries. */
  private checkedAccount?: number;
  /**
   * Nothing but reads ran since the opening batch (no settings change, no statement through
   * manager()): the first write then needs no savepoint, since undoing it is rolling the whole
   * transaction back and opening it again (reopen). A savepoint costs PostgreSQL a
   * subtransaction on every write request.
   */
  private pristine = false;

  constructor(
    private readonly dataSource: DataSource,
    private currentViewer: Viewer,
    /** The request's id, for what the request writes down (the audit trail). */
    readonly requestId: string | null = null,
  ) {}

  /** Who the request's statements run as. */
  get viewer(): Viewer {
    return this.currentViewer;
  }

  /**
   * A share token the request presented and the server validated: row-level security then shows
   * (and, with can_edit, lets change) that share's session. One per request; a second replaces
   * the first only where it is the same share.
   */
  async presentShare(grant: ShareGrant): Promise<void> {
    if (this.share && this.share.shareId !== grant.shareId)
      throw new Error('A request presents at most one share token');
    this.share = grant;
    const opening = this.opening;
    this.pristine = false;
    if (opening) await (await opening).query(shareConfigSql(grant.shareId));
  }

  /** The share this request presented, if any. */
  get presentedShare(): ShareGrant | undefined {
    return this.share;
  }

  /**
   * An anonymous request that starts a guest session, or presents a guest session's token as an
   * argument, continues as that guest. Only ever from anonymous, so no request gains more than
   * the one session whose token it holds. Call it outside transaction(): a rolled-back savepoint
   * would undo the settings but not this object's viewer.
   */
  async becomeGuest(guest: GuestViewer): Promise<void> {
    if (this.currentViewer.kind !== 'anonymous') {
      throw new Error('Only an anonymous request can continue as a guest');
    }
    this.currentViewer = guest;
    const opening = this.opening;
    this.pristine = false;
    if (opening) await (await opening).query(viewerConfigSql(guest));
  }

  /** The ORM's manager bound to the request's transaction. */
  async manager(): Promise<EntityManager> {
    const runner = await this.open();
    this.pristine = false;
    return runner.manager;
  }

  /**
   * A raw statement on the request's connection (the hot read path's prepared statements; a name
   * moves on after a migration outdated what connections prepared, see notePreparedFailure).
   */
  async read<Row extends QueryResultRow>(config: QueryConfig): Promise<Row[]> {
    const runner = await this.open();
    this.dataSource.logger.logQuery(config.text, config.values, runner);
    const client = (await runner.connect()) as PoolClient;
    const query = config.name ? { ...config, name: currentName(config.name) } : config;
    try {
      return (await client.query<Row>(query)).rows;
    } catch (error) {
      notePreparedFailure(error);
      throw error;
    }
  }

  /**
   * Runs work in a savepoint of the request's transaction (the first write of a pristine one in
   * the transaction itself); on error only that work is undone.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      // Hooks the work registered belong to its savepoint: undone with it, they must not run.
      const mark = this.afterCommit.length;
      const { runner, savepoint } = await this.savepoint();
      try {
        return await work(runner.manager);
      } catch (error) {
        this.afterCommit.splice(mark);
        // As TypeORM's own transaction(): the work's error is what the caller needs; if the
        // rollback fails too, the transaction is aborted and the COMMIT reports it.
        if (savepoint)
          await runner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
        else await this.reopen(runner);
        throw error;
      }
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /**
   * System work (a credential look-up, a row only the system may change) on the request's own
   * connection, in a savepoint of the request's transaction: it commits with the request.
   */
  asSystem<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction((manager) => asSystemWithin(manager, work));
  }

  /** Called once the request's transaction has committed (e.g. publishing events). */
  onCommit(hook: AfterCommit): void {
    this.afterCommit.push(hook);
  }

  /**
   * Work that needs a connection of its own (e.g. a security event that must outlive a rolled
   * back request): it runs once this request's connection is back in the pool, committed or not,
   * so the request never holds one connection while waiting for another.
   */
  onRelease(hook: AfterCommit): void {
    this.afterRelease.push(hook);
  }

  /**
   * Commits (or rolls back) and returns the connection to the pool, then runs the after-commit
   * hooks and the on-release ones. The database may be used again afterwards: a new transaction
   * opens (subscriptions resolve each event this way).
   */
  async finish(commit = true): Promise<void> {
    const released = this.afterRelease;
    this.afterRelease = [];
    try {
      await this.end(commit);
    } finally {
      await runHooks(released);
    }
  }

  private async end(commit: boolean): Promise<void> {
    const opening = this.opening;
    const hooks = this.afterCommit;
    this.opening = undefined;
    this.pristine = false;
    this.afterCommit = [];
    this.writes = Promise.resolve();
    if (!opening) {
      if (commit) await runHooks(hooks);
      return;
    }
    const runner = await opening.catch(() => undefined);
    if (!runner) return; // it never opened; the statement that needed it has failed already
    try {
      if (commit) await this.commit(runner);
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    if (commit) await runHooks(hooks);
  }

  /**
   * COMMIT of a transaction that a failed statement aborted is a ROLLBACK: what earlier fields
   * reported as written would be lost, so that must not pass silently.
   */
  private async commit(runner: QueryRunner): Promise<void> {
    const client = (await runner.connect()) as PoolClient;
    this.dataSource.logger.logQuery('COMMIT', undefined, runner);
    const result = await client.query('COMMIT');
    if (result.command !== 'COMMIT') throw new TransactionRolledBackError();
  }

  /**
   * Opens the transaction with a bearer token's account check as its first statement, as the
   * system (before the role is set): the account's id and current role become the viewer's
   * settings. The caller decides whether the account passes: it then calls authenticatedAs();
   * until then the request is anonymous, and a refused one must finish(false).
   */
  async openForAccount(userId: number): Promise<TokenAccount | undefined> {
    if (this.opening || this.currentViewer.kind !== 'anonymous')
      throw new Error('The account check opens the request transaction');
    let account: TokenAccount | undefined;
    this.checkedAccount = userId;
    const statement = currentName(ACCOUNT_STATEMENT);
    this.opening = this.openWith(
      async (send, client) => {
        // Prepared on the connection's first such request, then only executed.
        const prepare = !isPreparedOn(client, statement);
        const results = await send(
          `START TRANSACTION; ` +
            (prepare ? `PREPARE ${statement}(int) AS ${ACCOUNT_SETTINGS_SQL}; ` : '') +
            `${executeAccountSettingsSql(statement, userId)}; SET LOCAL ROLE ${APP_ROLE}`,
        );
        notePreparedOn(client, statement, true);
        [account] = (results[prepare ? 2 : 1]?.rows ?? []) as TokenAccount[];
      },
      async (client, error) => {
        // A failed batch may or may not have left the statement prepared: drop it if it is
        // there, so the next request prepares it afresh (a migration may have outdated it too).
        notePreparedFailure(error);
        notePreparedOn(client, statement, false);
        await client.query(`DEALLOCATE ${statement}`).catch(() => undefined);
      },
    );
    await this.opening;
    return account;
  }

  /**
   * The viewer the request's credentials proved, for a database made before they were checked:
   * before the transaction opens, or after openForAccount() for that same account (whose
   * settings are then in place already).
   */
  authenticatedAs(viewer: Viewer): void {
    if (this.currentViewer.kind !== 'anonymous')
      throw new Error('The request is authenticated already');
    if (viewer.kind === 'anonymous') return;
    const opened = this.opening !== undefined;
    const sameAccount = viewer.kind === 'user' && viewer.userId === this.checkedAccount;
    if (opened !== sameAccount)
      throw new Error('Only the account openForAccount() checked can be the opened viewer');
    this.currentViewer = viewer;
  }

  private open(): Promise<QueryRunner> {
    this.opening ??= this.openWith((send) => send(this.startSql()));
    return this.opening;
  }

  /** START TRANSACTION with the role and the current viewer's (and share's) settings. */
  private startSql(): string {
    const share = this.share ? `; ${shareConfigSql(this.share.shareId)}` : '';
    return `START TRANSACTION; ${viewerSettingsSql(this.currentViewer)}${share}`;
  }

  /**
   * `batch` sends one simple-query batch (statements separated by `;`, no parameters) on the
   * connection; `failed` tidies the connection after a failed batch was rolled back.
   */
  private async openWith(
    batch: (send: SendBatch, client: PoolClient) => Promise<unknown>,
    failed?: (client: PoolClient, error: unknown) => Promise<void>,
  ): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    let client: PoolClient | undefined;
    try {
      // The raw client: TypeORM's query() keeps one result, and a batch has one per statement.
      client = (await runner.connect()) as PoolClient;
      const connection = client;
      await batch(async (sql) => {
        this.dataSource.logger.logQuery(sql, undefined, runner);
        const results = (await connection.query(sql)) as unknown as QueryResult | QueryResult[];
        return Array.isArray(results) ? results : [results];
      }, connection);
      // The batch began the transaction; TypeORM must know, or a nested manager.transaction()
      // (system work) would START another and COMMIT the request's part-way.
      markTransactionOpen(runner);
      this.pristine = true;
      this.savepoints = 0;
      return runner;
    } catch (error) {
      // A failed batch ended in an aborted transaction: it must not go back to the pool so.
      await runner.query('ROLLBACK').catch(() => undefined);
      if (client && failed) await failed(client, error).catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  /** A savepoint for one write; none for the first write of a pristine transaction. */
  private async savepoint(): Promise<{ runner: QueryRunner; savepoint?: string }> {
    const runner = await this.open();
    if (this.pristine) {
      this.pristine = false;
      return { runner };
    }
    const savepoint = `request_write_${++this.savepoints}`;
    await runner.query(`SAVEPOINT ${savepoint}`);
    return { runner, savepoint };
  }

  /**
   * Undoes a first write that ran without a savepoint: everything since the opening batch was
   * that write or a read, so the transaction rolls back and opens again as the same viewer. One
   * batch, so no other statement of the request can run in between (outside any transaction, as
   * the connection's own role). If it fails, the request's database is unusable from then on:
   * nothing was written yet, and nothing more can be.
   */
  private async reopen(runner: QueryRunner): Promise<void> {
    const sql = `ROLLBACK; ${this.startSql()}`;
    this.dataSource.logger.logQuery(sql, undefined, runner);
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query(sql);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const unusable = Promise.reject(new TransactionRolledBackError());
      unusable.catch(() => undefined);
      this.opening = unusable;
      await runner.release();
      this.dataSource.logger.log(
        'warn',
        `Reopening a request transaction failed: ${(error as Error).message}`,
      );
    }
  }
}

/** TypeORM's runner state after START TRANSACTION (its own startTransaction sends it alone). */
function markTransactionOpen(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

async function runHooks(hooks: AfterCommit[]): Promise<void> {
  for (const hook of hooks) await hook();
}

/** The request's transaction could not commit; nothing it wrote was kept. */
export class TransactionRolledBackError extends Error {
  constructor() {
    super('The request transaction was aborted by a failed statement and rolled back');
    this.name = 'TransactionRolledBackError';
  }
}
