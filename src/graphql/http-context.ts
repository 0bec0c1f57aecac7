import type { Request } from 'express';
import type { Authenticator } from '../auth/authenticator';
import { requestInfoOf } from '../auth/request-info';
import { withHttpStatus } from '../errors/http-status';
import type { ContextFactory, GraphQLContext } from './context';

/**
 * The context of an HTTP request: who it is (credential headers) and, with `X-Share-Token`, the
 * open edit share it presents. An error here ends the request before any resolver runs, so it
 * carries its own HTTP status (401, 403, 404, or 503 when the database cannot be reached).
 */
export function httpContext(authenticator: Authenticator, contexts: ContextFactory) {
  const build = async (req: Request): Promise<GraphQLContext> => {
    const request = requestInfoOf(req, req.requestId);
    const headers = {
      authorization: req.get('authorization'),
      apiKey: req.get('x-api-key'),
      sessionToken: req.get('x-session-token'),
    };
    const context = contexts.forHttp(
      request,
      await authenticator.fromHttpHeaders(headers, request),
    );
    // An open share with canEdit: its token lets the holder's mutations reach the session.
    const shareToken = req.get('x-share-token');
    if (shareToken) {
      try {
        await context.services.sessions.shares.presentForEdit(context.db, shareToken);
      } catch (error) {
        // No response hook sees a context that failed: the transaction the look-up opened ends
        // here, or its connection leaks.
        await context.db.finish(false);
        throw error;
      }
    }
    return context;
  };
  return ({ req }: { req: Request }) =>
    build(req).catch((error: unknown) => {
      throw withHttpStatus(error);
    });
}
