import type { PoolClient, QueryConfig, QueryResultRow } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { GuestViewer, Viewer } from '../auth/viewer';
import { asSystemWithin } from './system-context';
import { shareConfigSql, viewerConfigSql, viewerSettingsSql } from './viewer-settings';

/** A validated share token: which share, which session, and what it grants. */
export interface ShareGrant {
  shareId: number;
  sessionId: number;
  canEdit: boolean;
  includeUserData: boolean;
}

type AfterCommit = () => void | Promise<void>;

/**
 * The database as one request's viewer sees it: all of the request's statements run in one
 * transaction on one pooled connection, as the application role with the viewer set, so
 * row-level security applies to every one of them. The transaction opens on the first statement
 * (a request that needs no data holds no connection) and ends with finish().
 *
 * Writes go through transaction(), a savepoint: a failed mutation undoes only its own work, and
 * what earlier fields of the same document wrote still commits.
 */
export class RequestDatabase {
  private opening?: Promise<QueryRunner>;
  private afterCommit: AfterCommit[] = [];
  private afterRelease: AfterCommit[] = [];
  /** Savepoints on one connection must nest, so concurrent transaction() calls queue. */
  private writes: Promise<unknown> = Promise.resolve();
  private share?: ShareGrant;

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
    if (opening) await (await opening).query(viewerConfigSql(guest));
  }

  /** The ORM's manager bound to the request's transaction. */
  async manager(): Promise<EntityManager> {
    return (await this.open()).manager;
  }

  /** A raw statement on the request's connection (the hot read path's prepared statements). */
  async read<Row extends QueryResultRow>(config: QueryConfig): Promise<Row[]> {
    const runner = await this.open();
    this.dataSource.logger.logQuery(config.text, config.values, runner);
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<Row>(config)).rows;
  }

  /** Runs work in a savepoint of the request's transaction; on error only that work is undone. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      // Hooks the work registered belong to its savepoint: undone with it, they must not run.
      const mark = this.afterCommit.length;
      try {
        return await (await this.open()).manager.transaction(work);
      } catch (error) {
        this.afterCommit.splice(mark);
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

  private open(): Promise<QueryRunner> {
    this.opening ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query(viewerSettingsSql(this.currentViewer));
        if (this.share) await runner.query(shareConfigSql(this.share.shareId));
        return runner;
      } catch (error) {
        await runner.release();
        throw error;
      }
    })();
    return this.opening;
  }
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
