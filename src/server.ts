import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { Authenticator } from './auth/authenticator';
import { resolveJwtSecret } from './auth/jwt-secret';
import { LoginThrottle } from './auth/login-throttle';
import { TokenService } from './auth/tokens';
import { forbiddenEventsPlugin } from './graphql/forbidden-events';
import { noHttpSubscriptions } from './graphql/no-http-subscriptions';
import { textInputPlugin } from './graphql/text-input/text-input-check';
import { attachWebSocketServer } from './graphql/websocket-server';
import { createErrorFormatter } from './errors/format-error';
import { createContextFactory, type GraphQLContext } from './graphql/context';
import { httpContext } from './graphql/http-context';
import { jitGateway } from './graphql/jit-gateway';
import { loggingPlugin } from './graphql/logging-plugin';
import { requestTransactionPlugin } from './graphql/request-transaction-plugin';
import { serviceUnavailablePlugin } from './graphql/service-unavailable-plugin';
import { limitRules } from './graphql/limits';
import { createSchema } from './graphql/schema';
import { bodyErrorHandler } from './http/body-error-handler';
import { corsPolicy } from './http/cors-policy';
import { documentSizeLimit } from './http/document-size';
import { graphiqlRouter } from './http/graphiql';
import { graphqlPostHandler } from './http/graphql-post';
import { healthRouter } from './http/health';
import { HttpDrain } from './http/http-drain';
import { requestId } from './http/request-id';
import { createServices } from './services';
import { scheduleRollups } from './services/analytics/rollup-schedule';
import { connectRedisRelay, inProcessRelay } from './events/redis-relay';
import { sessionEvents } from './events/session-events';
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
  // Shared by every instance on the database; it runs before anyone is authenticated.
  const loginThrottle = new LoginThrottle(config.loginThrottle, dataSource);
  const services = createServices(
    dataSource,
    config,
    tokens,
    apiKeys,
    securityEvents,
    loginThrottle,
    logger,
  );
  // Deltas a crash left between a commit and its fold.
  await services.sessions.counters.foldAll();
  const contexts = createContextFactory({ dataSource, services });
  const relay = config.events.redisUrl
    ? connectRedisRelay(
        sessionEvents,
        { url: config.events.redisUrl, channel: config.events.redisChannel },
        logger,
      )
    : inProcessRelay;
  const rollups = scheduleRollups(
    services.analytics,
    config.analytics.rollupIntervalSeconds,
    logger,
    services.sessions.counters,
  );
  const formatError = createErrorFormatter(logger);
  const { limits } = config;
  const app = express();
  app.disable('x-powered-by');
  // GraphQL responses are not cacheable by URL; hashing every body for an ETag is wasted work.
  app.set('etag', false);
  // POST /graphql with a JSON body skips Express (src/http/graphql-post.ts); set once Apollo runs.
  let servePost: (req: IncomingMessage, res: ServerResponse) => boolean = () => false;
  const httpServer = createHttpServer((req, res) => {
    if (!servePost(req, res)) app(req, res);
  });
  const drain = new HttpDrain(httpServer);

  const wsServerCleanup = attachWebSocketServer({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    limits,
    events: config.events,
    logger,
    authenticator,
    contexts,
    securityEvents,
    formatError,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    gateway: jitGateway(schema),
    formatError,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: limits.introspection,
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    hideSchemaDetailsFromClientErrors: limits.hideSuggestions,
    // src/index.ts owns the signals: it stops the server, then the pool and the database.
    stopOnTerminationSignals: false,
    plugins: [
      {
        // Requests already sent finish (Apollo still executes while draining); WebSockets close
        // with 1001.
        serverWillStart: () =>
          Promise.resolve({
            drainServer: async () => {
              await Promise.all([drain.drain(config.shutdownTimeoutMs), wsServerCleanup.dispose()]);
            },
          }),
      },
      noHttpSubscriptions(),
      textInputPlugin(),
      requestTransactionPlugin(formatError),
      serviceUnavailablePlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; the default plugin would wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      loggingPlugin(logger),
      forbiddenEventsPlugin(securityEvents),
    ],
  });
  await apollo.start();

  app.use(drain.refuseLate);
  app.use(requestId);
  app.use(
    healthRouter(
      dataSource,
      () => ({ ...relay.status(), streams: sessionEvents.listenerCount() }),
      () => drain.draining,
    ),
  );
  const cors = corsPolicy(config.cors);
  const context = httpContext(authenticator, contexts);
  servePost = graphqlPostHandler({
    path: GRAPHQL_PATH,
    apollo,
    context,
    cors,
    drain,
    limits,
    logger,
  });
  // Before the IDE route: express answers an OPTIONS for a GET-only route itself, without CORS.
  app.use(GRAPHQL_PATH, cors);
  if (config.graphqlIde) app.use(graphiqlRouter(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: limits.maxRequestBytes }),
    documentSizeLimit(limits),
    expressMiddleware(apollo, { context }),
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
    stop: () => {
      loginThrottle.stop();
      rollups.stop();
      // After the last request: what they counted is folded before the pool closes.
      return apollo
        .stop()
        .then(() => services.sessions.counters.flush())
        .finally(() => relay.close());
    },
  };
}
