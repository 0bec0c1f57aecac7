import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEnvFile } from './env-file';

/**
 * The only place that reads process.env. Every variable is validated once at boot so that a bad
 * value stops the start with a message naming the variable, instead of failing later.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/** `*`, or a comma-separated list of exact origins (scheme://host[:port], no path). */
const corsOrigins = z.string().transform((value, ctx): '*' | string[] => {
  if (value.trim() === '*') return '*';
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const bad = origins.filter((origin) => !isExactOrigin(origin));
  if (bad.length === 0 && origins.length > 0) return origins;
  ctx.addIssue({
    code: 'custom',
    message: `must be * or origins like https://app.example.com (scheme, host, optional port; no path), separated by commas${bad.length ? `; not an origin: ${bad.join(', ')}` : ''}`,
  });
  return z.NEVER;
});

function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB_PORT: port.default(54320),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: booleanFromEnv.default(true),
  GRAPHQL_IDE: booleanFromEnv.default(true),
  CORS_ORIGINS: corsOrigins.default('*'),
  CORS_CREDENTIALS: booleanFromEnv.default(false),
  CORS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  PAGE_SIZE_DEFAULT: z.coerce.number().int().min(1).max(1000).default(20),
  PAGE_SIZE_MAX: z.coerce.number().int().min(1).max(1000).default(100),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(3600),
  SESSION_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(365 * 24 * 3600)
    .default(30 * 24 * 3600),
  SESSION_DATA_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32,
      'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    )
    .optional(),
  ANALYTICS_ABANDON_AFTER_MINUTES: z.coerce.number().int().min(1).max(525_600).default(1440),
  ANALYTICS_MAX_DAYS: z.coerce.number().int().min(1).max(3660).default(366),
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_EVENTS_CHANNEL: z.string().min(1).max(200).default('mwp:session-events'),
  SUBSCRIPTION_MAX_BACKLOG: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  SUBSCRIPTION_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  LOGIN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).max(1000).default(3),
  LOGIN_SLOWDOWN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_LOCK_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(10).max(1_000_000).default(3000),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
  GRAPHQL_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  GRAPHQL_INTROSPECTION: booleanFromEnv.default(true),
  MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
});

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Set when the operator brings their own PostgreSQL; otherwise the embedded one is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedDbPort: number;
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
  /** How long to wait for a pooled connection before failing (never hang for ever). */
  dbConnectTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demoData: boolean;
  graphqlIde: boolean;
  /** Which web pages on other origins may call /graphql (browsers enforce it; see README). */
  cors: CorsConfig;
  pageSizeDefault: number;
  pageSizeMax: number;
  shutdownTimeoutMs: number;
  limits: OperationLimits;
  /** Signs access tokens; unset outside production means a generated secret under DATA_DIR. */
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
  /** How long a session lives after its last activity (the expiry slides with each change). */
  sessionLifetimeSeconds: number;
  /**
   * AES-256-GCM key for answers of sessions that do not store user data; unset outside
   * production means a key generated once under DATA_DIR.
   */
  sessionDataKey: Buffer | undefined;
  analytics: {
    /** A session untouched this long (and not completed) counts as abandoned. */
    abandonAfterMinutes: number;
    /** The longest range wizardAnalytics and wizardFunnel read. */
    maxDays: number;
    /** How often the server rolls up today and yesterday (0: never; rollupAnalytics still works). */
    rollupIntervalSeconds: number;
  };
  events: {
    /** Set to relay session events between instances through Redis pub/sub. */
    redisUrl: string | undefined;
    /** The pub/sub channel (instances that share it see each other's events). */
    redisChannel: string;
    /** Events that may wait for one slow subscription before its connection is dropped. */
    maxBacklog: number;
    /** Bytes a connection's socket may hold unsent before it is dropped. */
    maxBufferedBytes: number;
  };
  loginThrottle: {
    slowdownAfter: number;
    slowdownWindowSeconds: number;
    lockAfter: number;
    lockWindowSeconds: number;
    lockSeconds: number;
  };
}

export interface CorsConfig {
  /** `*` (any origin, never with credentials) or the exact origins allowed. */
  origins: '*' | string[];
  /** Let pages send cookies or HTTP authentication (Access-Control-Allow-Credentials). */
  credentials: boolean;
  /** How long a browser may cache a preflight answer. */
  maxAgeSeconds: number;
}

/** Bounds on every GraphQL operation, over HTTP and WebSocket alike. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens in a document (checked while parsing). */
  maxTokens: number;
  /** graphql-armor's structural cost (objects, scalars, weighted by depth). */
  maxCost: number;
  /** Size of the document text, in bytes. */
  maxDocumentBytes: number;
  /** Size of an HTTP request body or a WebSocket message, in bytes. */
  maxRequestBytes: number;
  introspection: boolean;
  /** Leave "Did you mean …?" hints out of errors (production mode). */
  hideSuggestions: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a .env file (by default the working directory's) into process.env. Variables already set
 * in the environment win; a missing file is fine; a malformed one is a ConfigError.
 */
export function loadEnvFile(path = resolve('.env')): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new ConfigError([`${path}: cannot be read (${code ?? String(error)})`]);
  }
  const { values, problems } = parseEnvFile(text);
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => `${path} ${problem}`));
  for (const [name, value] of Object.entries(values))
    if (!Object.hasOwn(process.env, name)) process.env[name] = value;
}

/** The process's environment, after the working directory's .env (see loadEnvFile). */
function processEnvironment(): NodeJS.ProcessEnv {
  loadEnvFile();
  return process.env;
}

/**
 * Parses an environment; throws ConfigError listing every problem. Without one (the entry points:
 * server, CLI scripts, ormconfig) it reads process.env after loading `.env`; tests pass their own.
 */
export function loadConfig(env: NodeJS.ProcessEnv = processEnvironment()): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const missing = (['JWT_SECRET', 'SESSION_DATA_KEY'] as const).filter((name) => !e[name]);
    if (missing.length)
      throw new ConfigError(missing.map((name) => `${name}: required when NODE_ENV is production`));
  }
  if (e.PAGE_SIZE_DEFAULT > e.PAGE_SIZE_MAX) {
    throw new ConfigError(['PAGE_SIZE_DEFAULT: must not exceed PAGE_SIZE_MAX']);
  }
  if (e.CORS_CREDENTIALS && e.CORS_ORIGINS === '*') {
    throw new ConfigError([
      "CORS_CREDENTIALS: true needs CORS_ORIGINS to list the trusted origins; with * any web site could act with your users' cookies",
    ]);
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedDbPort: e.EMBEDDED_DB_PORT,
    dbPoolSize: e.DB_POOL_SIZE,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA,
    graphqlIde: e.GRAPHQL_IDE,
    cors: {
      origins: e.CORS_ORIGINS,
      credentials: e.CORS_CREDENTIALS,
      maxAgeSeconds: e.CORS_MAX_AGE_SECONDS,
    },
    pageSizeDefault: e.PAGE_SIZE_DEFAULT,
    pageSizeMax: e.PAGE_SIZE_MAX,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    jwtSecret: e.JWT_SECRET,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    sessionLifetimeSeconds: e.SESSION_LIFETIME_SECONDS,
    analytics: {
      abandonAfterMinutes: e.ANALYTICS_ABANDON_AFTER_MINUTES,
      maxDays: e.ANALYTICS_MAX_DAYS,
      rollupIntervalSeconds: e.ANALYTICS_ROLLUP_INTERVAL_SECONDS,
    },
    events: {
      redisUrl: e.REDIS_URL,
      redisChannel: e.REDIS_EVENTS_CHANNEL,
      maxBacklog: e.SUBSCRIPTION_MAX_BACKLOG,
      maxBufferedBytes: e.SUBSCRIPTION_MAX_BUFFERED_BYTES,
    },
    sessionDataKey: e.SESSION_DATA_KEY ? Buffer.from(e.SESSION_DATA_KEY, 'base64') : undefined,
    loginThrottle: {
      slowdownAfter: e.LOGIN_SLOWDOWN_AFTER,
      slowdownWindowSeconds: e.LOGIN_SLOWDOWN_WINDOW_SECONDS,
      lockAfter: e.LOGIN_LOCK_AFTER,
      lockWindowSeconds: e.LOGIN_LOCK_WINDOW_SECONDS,
      lockSeconds: e.LOGIN_LOCK_SECONDS,
    },
    limits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDocumentBytes: e.GRAPHQL_MAX_DOCUMENT_BYTES,
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      introspection: e.GRAPHQL_INTROSPECTION,
      hideSuggestions: e.NODE_ENV === 'production',
    },
  };
}
