import type { DataSource } from 'typeorm';
import type { RequestInfo } from '../auth/request-info';
import { ANONYMOUS, type Viewer } from '../auth/viewer';
import type { BacklogLimit } from '../events/session-events';
import { RequestDatabase } from '../database/request-database';
import { createLoaders, type Loaders } from '../loaders';
import type { Services } from '../services';

/** What every resolver receives. Resolvers pass `viewer` to services and use `loaders` for fields. */
export interface GraphQLContext {
  requestId: string;
  viewer: Viewer;
  /** The request's transaction, as the viewer (row-level security applies); finished by the server. */
  db: RequestDatabase;
  /** Where the request came from (for security events). */
  request: RequestInfo;
  loaders: Loaders;
  services: Services;
  /** graphql-ws operations only: how many events may wait for a slow client (subscriptions). */
  live?: BacklogLimit;
}

export interface ContextDependencies {
  dataSource: DataSource;
  services: Services;
}

/**
 * A request's context. Its loaders are made on first use, by a getter on the prototype: Apollo
 * hands resolvers a copy of the context (Object.assign of its own properties, which would call an
 * own getter and so make every loader for every request), and most requests, a session's
 * mutations and most subscriptions among them, never resolve a field that needs them.
 */
class RequestContext implements GraphQLContext {
  /** The loaders once made (an own property, so a copy made after that shares them). */
  private made?: Loaders;

  constructor(
    readonly requestId: string,
    readonly request: RequestInfo,
    readonly viewer: Viewer,
    readonly db: RequestDatabase,
    readonly services: Services,
    readonly live: BacklogLimit | undefined,
    private readonly makeLoaders: () => Loaders,
  ) {}

  get loaders(): Loaders {
    return (this.made ??= this.makeLoaders());
  }
}

/** One factory for HTTP requests and WebSocket operations, so both see the same rules. */
export function createContextFactory(deps: ContextDependencies) {
  const build = (
    request: RequestInfo,
    viewer: Viewer,
    cache: boolean,
    live?: BacklogLimit,
    db = new RequestDatabase(deps.dataSource, viewer, request.requestId),
  ): GraphQLContext =>
    new RequestContext(request.requestId, request, viewer, db, deps.services, live, () =>
      createLoaders(deps.dataSource, db, { cache }),
    );
  return {
    /** Per HTTP request: loaders cache for the request's lifetime. */
    /** The request's database before its credentials are checked (it may check a token's account). */
    databaseFor: (request: RequestInfo) =>
      new RequestDatabase(deps.dataSource, ANONYMOUS, request.requestId),
    forHttp: (request: RequestInfo, viewer: Viewer, db?: RequestDatabase) =>
      build(request, viewer, true, undefined, db),
    /** Per WebSocket operation: a subscription lives long, so its loaders do not cache. */
    forWebSocket: (request: RequestInfo, viewer: Viewer, live: BacklogLimit) =>
      build(request, viewer, false, live),
  };
}

export type ContextFactory = ReturnType<typeof createContextFactory>;
