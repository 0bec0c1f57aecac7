import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import {
  getOperationAST,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import { requestInfoOf, type RequestInfo } from '../auth/request-info';
import type { Viewer } from '../auth/viewer';
import type { AppConfig, OperationLimits } from '../config';
import { serviceUnavailable } from '../errors/error-code';
import { wsErrorFormatters } from '../errors/format-ws-errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../errors/postgres-error';
import type { Logger } from 'pino';
import type { SecurityEventService } from '../services/security-event.service';
import type { ContextFactory, GraphQLContext } from './context';
import { recordForbidden } from './forbidden-events';
import { checkDocument } from './limits';
import { badTextError } from './text-input/text-input-check';

export interface WebSocketDependencies {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  limits: OperationLimits;
  events: Pick<AppConfig['events'], 'maxBacklog' | 'maxBufferedBytes'>;
  logger: Logger;
  authenticator: Authenticator;
  contexts: ContextFactory;
  securityEvents: SecurityEventService;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** The WebSocket close code for "the server cannot serve you now; try again later". */
const TRY_AGAIN_LATER = 1013;

/**
 * Drops a client that stopped reading. A close frame would queue behind what it has not read, so
 * the socket is ended at once; the client reconnects and fills the gap from its last cursor.
 */
function dropSlowConsumer(socket: WebSocket, request: RequestInfo, logger: Logger, why: string) {
  if (socket.readyState === socket.CLOSED) return;
  logger.warn({ requestId: request.requestId, ip: request.ip, why }, 'slow subscriber dropped');
  socket.terminate();
}

/**
 * graphql-ws on the HTTP server's port and path, with what HTTP requests get: authentication for
 * every operation (a bad credential, at connection or later, closes the socket with 4403), the same
 * operation limits, the same error codes and masking, and security events for forbidden access.
 */
export function attachWebSocketServer(deps: WebSocketDependencies) {
  const { schema, limits, authenticator, contexts, securityEvents, logger } = deps;
  const { maxBacklog, maxBufferedBytes } = deps.events;
  const wsErrors = wsErrorFormatters(deps.formatError, limits.hideSuggestions);
  // The same limit as HTTP bodies (ws would accept 100 MB messages by default).
  const wsServer = new WebSocketServer({
    server: deps.httpServer,
    path: deps.path,
    maxPayload: limits.maxRequestBytes,
  });
  return useServer<
    Record<string, unknown>,
    {
      request: IncomingMessage;
      requestInfo?: RequestInfo;
      /** Live operations' contexts by id, so a completed one's transaction can be ended. */
      operations?: Map<string, GraphQLContext>;
    }
  >(
    {
      schema,
      onConnect: async (ctx) => {
        ctx.extra.requestInfo = requestInfoOf(ctx.extra.request, randomUUID());
        try {
          // Bad credentials are refused up front (4403); each operation checks them again.
          await authenticator.fromConnectionParams(ctx.connectionParams, ctx.extra.requestInfo);
          return true;
        } catch (error) {
          // Credentials that cannot be checked now are not bad ones: 1013 says "try again later".
          if (isDatabaseUnavailable(error))
            ctx.extra.socket.close(TRY_AGAIN_LATER, 'Try Again Later');
          return false;
        }
      },
      onComplete: async (ctx, id) => {
        const context = ctx.extra.operations?.get(id);
        ctx.extra.operations?.delete(id);
        await context?.db.finish();
      },
      // Size, tokens, then depth, aliases, directives and cost, as over HTTP.
      onSubscribe: async (ctx, id, payload) => {
        const checked = checkDocument(schema, payload.query, limits);
        if (Array.isArray(checked)) return checked as GraphQLError[];
        const badText = badTextError(checked as DocumentNode, payload.variables);
        if (badText) return [badText];
        const request = ctx.extra.requestInfo ?? requestInfoOf(ctx.extra.request, randomUUID());
        // A connection outlives role changes, deactivation, revoked keys and new passwords: the
        // credentials are checked again for every operation, as every HTTP request checks them.
        let viewer: Viewer;
        try {
          viewer = await authenticator.fromConnectionParams(ctx.connectionParams, request);
        } catch (error) {
          if (isDatabaseUnavailable(error))
            return [serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS)];
          ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden');
          return [error as GraphQLError];
        }
        const contextValue = contexts.forWebSocket(request, viewer, {
          maxBacklog,
          onOverflow: () =>
            dropSlowConsumer(
              ctx.extra.socket,
              request,
              logger,
              `over ${maxBacklog} waiting events`,
            ),
        });
        const shareToken = ctx.connectionParams?.shareToken;
        if (typeof shareToken === 'string') {
          try {
            await contextValue.services.sessions.shares.presentForEdit(contextValue.db, shareToken);
          } catch (error) {
            // The look-up opened the operation's transaction: end it, or its connection leaks.
            await contextValue.db.finish(false);
            if (isDatabaseUnavailable(error))
              return [serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS)];
            return [error as GraphQLError];
          }
        }
        (ctx.extra.operations ??= new Map()).set(id, contextValue);
        return {
          schema,
          document: checked as DocumentNode,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
      },
      // A query or mutation has its result now, a subscription its stream: end the transaction
      // before anything is sent (each subscription event opens and ends its own, in onNext).
      onOperation: async (_ctx, _id, _payload, args) => {
        await (args.contextValue as GraphQLContext).db.finish();
      },
      onError: (_ctx, _id, _payload, errors) => wsErrors.validation(errors),
      onNext: async (ctx, _id, _payload, args, result) => {
        const context = args.contextValue as GraphQLContext;
        await context.db.finish();
        // Several subscriptions of one connection each have a message in flight at most; bytes
        // piling up past the limit mean the client does not read.
        if (ctx.extra.socket.bufferedAmount > maxBufferedBytes)
          dropSlowConsumer(
            ctx.extra.socket,
            context.request,
            logger,
            `over ${maxBufferedBytes} bytes unsent`,
          );
        if (!result.errors) return undefined;
        const operation = getOperationAST(args.document, args.operationName);
        await recordForbidden(securityEvents, context, result.errors, operation?.name?.value);
        return { ...result, errors: wsErrors.execution(result.errors) };
      },
    },
    wsServer,
  );
}
