import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../auth/authenticator';
import { requestInfoOf } from '../auth/request-info';
import { withHttpStatus } from '../errors/http-status';
import { requestIdOf } from '../http/request-id';
import type { ContextFactory, GraphQLContext } from './context';
import { executedRequests } from './request-transaction-plugin';

/**
 * The context of an HTTP request: who it is (credential headers) and, with `X-Share-Token`, the
 * open edit share it presents. An error here ends the request before any resolver runs, so it
 * carries its own HTTP status (401, 403, 404, or 503 when the database cannot be reached).
 */
export function httpContext(authenticator: Authenticator, contexts: ContextFactory) {
  const build = async (req: IncomingMessage): Promise<GraphQLContext> => {
    const request = requestInfoOf(req, requestIdOf(req));
    const headers = {
      authorization: header(req, 'authorization'),
      apiKey: header(req, 'x-api-key'),
      sessionToken: header(req, 'x-session-token'),
    };
    // A bearer token's account check opens the request's transaction (one round trip for both).
    const db = contexts.databaseFor(request);
    let context: GraphQLContext;
    try {
      const viewer = await authenticator.fromHttpHeaders(headers, request, (userId) =>
        db.openForAccount(userId),
      );
      db.authenticatedAs(viewer);
      context = contexts.forHttp(request, viewer, db);
      // An open share with canEdit: its token lets the holder's mutations reach the session.
      const shareToken = header(req, 'x-share-token');
      if (shareToken) await context.services.sessions.shares.presentForEdit(db, shareToken);
    } catch (error) {
      // No response hook sees a context that failed: the transaction ends here, or its
      // connection leaks.
      await db.finish(false);
      throw error;
    }
    return context;
  };
  return ({ req, res }: { req: IncomingMessage; res: ServerResponse }) =>
    build(req).then(
      (context) => {
        finishIfNeverExecuted(res, context);
        return context;
      },
      (error: unknown) => {
        throw withHttpStatus(error);
      },
    );
}

/**
 * Apollo can still refuse a request after its context exists (a body with no query, a mutation
 * over GET: 400) without running the request pipeline, whose response hook ends the transaction
 * (requestTransactionPlugin). Its connection then goes back here, once the response is out.
 */
function finishIfNeverExecuted(res: ServerResponse, context: GraphQLContext): void {
  res.once('close', () => {
    if (!executedRequests.has(context.db)) void context.db.finish(false).catch(() => undefined);
  });
}

/** A request header by its lower-case name (repeated ones arrive joined, as Express read them). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
