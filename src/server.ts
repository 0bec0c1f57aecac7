import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppConfig } from './config';
import { Authenticator } from './auth/authenticator';
import { resolveJwtSecret } from './auth/jwt-secret';
import { TokenService } from './auth/tokens';
import { requestInfoOf, type RequestInfo } from './auth/request-info';
import { ANONYMOUS, type Viewer } from './auth/viewer';
import { forbiddenEventsPlugin, recordForbidden } from './graphql/forbidden-events';
import { createErrorFormatter } from './errors/format-error';
import { wsErrorFormatters } from './errors/format-ws-errors';
import { createContextFactory, type GraphQLContext } from './graphql/context';
import { loggingPlugin } from './graphql/logging-plugin';
import { checkDocument, limitRules } from './graphql/limits';
import { createSchema } from './graphql/schema';
import { bodyErrorHandler } from './http/body-error-handler';
import { documentSizeLimit } from './http/document-size';
import { graphiqlRouter } from './http/graphiql';
import { healthRouter } from './http/health';
import { requestId } from './http/request-id';
import { createServices } from './services';
import { SecurityEventService } from './services/security-event.service';
import { ApiKeyService } from './services/api-key.service';

export const GRAPHQL_PATH = '/graphql';

export interface ServerDependencies {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
}

export interface RunningServer {
  httpServer: Server;
  port: number;
  url: string;
  /** Stops accepting work, finishes in-flight requests, closes WebSockets (1001). */
  stop(): Promise<void>;
}

/** HTTP (Apollo on express) and graphql-ws on one port and one path. */
export async function startServer({
  config,
  dataSource,
  logger,
}: ServerDependencies): Promise<RunningServer> {
  const schema = await createSchema();
  const tokens = new TokenService(resolveJwtSecret(config), config.tokenTtlSeconds);
  const apiKeys = new ApiKeyService(dataSource, config);
  const securityEvents = new SecurityEventService(dataSource, config, logger);
  const authenticator = new Authenticator(dataSource, tokens, apiKeys, securityEvents);
  const contexts = createContextFactory({
    dataSource,
    services: createServices(dataSource, config, tokens, apiKeys, securityEvents),
  });
  const formatError = createErrorFormatter(logger);
  const { limits } = config;
  const wsErrors = wsErrorFormatters(formatError, limits.hideSuggestions);
  const app = express();
  app.disable('x-powered-by');
  // GraphQL responses are not cacheable by URL; hashing every body for an ETag is wasted work.
  app.set('etag', false);
  const httpServer = createHttpServer(app);

  // The same limit as HTTP bodies (ws would accept 100 MB messages by default).
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: GRAPHQL_PATH,
    maxPayload: limits.maxRequestBytes,
  });
  const wsServerCleanup = useServer<
    Record<string, unknown>,
    { request: IncomingMessage; requestInfo?: RequestInfo; viewer?: Viewer }
  >(
    {
      schema,
      // A bad token refuses the connection: graphql-ws closes it with 4403 Forbidden.
      onConnect: async (ctx) => {
        ctx.extra.requestInfo = requestInfoOf(ctx.extra.request, randomUUID());
        try {
          ctx.extra.viewer = await authenticator.fromConnectionParams(
            ctx.connectionParams,
            ctx.extra.requestInfo,
          );
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) =>
        contexts.forWebSocket(
          ctx.extra.requestInfo ?? requestInfoOf(ctx.extra.request, randomUUID()),
          ctx.extra.viewer ?? ANONYMOUS,
        ),
      // Same limits as over HTTP: size, tokens, then depth, aliases, directives and cost.
      onSubscribe: (_ctx, _id, payload) => {
        const checked = checkDocument(schema, payload.query, limits);
        if (Array.isArray(checked)) return checked as GraphQLError[];
        return {
          schema,
          document: checked as DocumentNode,
          variableValues: payload.variables,
          operationName: payload.operationName,
        };
      },
      onError: (_ctx, _id, _payload, errors) => wsErrors.validation(errors),
      onNext: async (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        const context = args.contextValue as GraphQLContext;
        const operation = getOperationAST(args.document, args.operationName);
        await recordForbidden(securityEvents, context, result.errors, operation?.name?.value);
        return { ...result, errors: wsErrors.execution(result.errors) };
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: limits.introspection,
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    hideSchemaDetailsFromClientErrors: limits.hideSuggestions,
    plugins: [
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.shutdownTimeoutMs,
      }),
      {
        serverWillStart: () =>
          Promise.resolve({ drainServer: async () => await wsServerCleanup.dispose() }),
      },
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; the default plugin would wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      loggingPlugin(logger),
      forbiddenEventsPlugin(securityEvents),
    ],
  });
  await apollo.start();

  app.use(requestId);
  app.use(healthRouter(dataSource));
  if (config.graphqlIde) app.use(graphiqlRouter(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    cors<cors.CorsRequest>(),
    express.json({ limit: limits.maxRequestBytes }),
    documentSizeLimit(limits),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const request = requestInfoOf(req, req.requestId);
        const headers = { authorization: req.get('authorization'), apiKey: req.get('x-api-key') };
        return contexts.forHttp(request, await authenticator.fromHttpHeaders(headers, request));
      },
    }),
  );
  app.use(bodyErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    httpServer,
    port,
    url: `http://${shownHost}:${port}${GRAPHQL_PATH}`,
    stop: () => apollo.stop(),
  };
}
