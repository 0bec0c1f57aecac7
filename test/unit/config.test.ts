import { ConfigError, loadConfig } from '../../src/config';

/** The ConfigError thrown for `env`, or a failure when none is thrown. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.logLevel).toBe('info');
    expect(config.databaseUrl).toBeUndefined();
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '0.0.0.0',
      demoData: true,
      graphqlIde: true,
      pageSizeDefault: 20,
      pageSizeMax: 100,
    });
  });

  it('reads the given environment rather than process.env', () => {
    const saved = process.env.PORT;
    process.env.PORT = '5555';
    try {
      expect(loadConfig({}).port).toBe(4000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it('parses valid values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://user:pw@db:5432/app',
      LOG_LEVEL: 'debug',
      DEMO_DATA: 'no',
      GRAPHQL_IDE: '0',
      PAGE_SIZE_DEFAULT: '10',
      PAGE_SIZE_MAX: '50',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://user:pw@db:5432/app',
      logLevel: 'debug',
      demoData: false,
      graphqlIde: false,
      pageSizeDefault: 10,
      pageSizeMax: 50,
    });
  });

  it('accepts PAGE_SIZE_DEFAULT equal to PAGE_SIZE_MAX', () => {
    expect(loadConfig({ PAGE_SIZE_DEFAULT: '30', PAGE_SIZE_MAX: '30' }).pageSizeDefault).toBe(30);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DEMO_DATA', { DEMO_DATA: 'maybe' }],
    ['PAGE_SIZE_DEFAULT', { PAGE_SIZE_DEFAULT: '50', PAGE_SIZE_MAX: '10' }],
  ])('throws a ConfigError naming %s for %j', (variable, env) => {
    const error = configError(env);
    expect(error.message).toContain(variable);
    expect(error.problems.some((problem) => problem.startsWith(variable))).toBe(true);
  });

  it('lists every bad variable in one ConfigError', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('LOG_LEVEL');
    expect(error.problems).toHaveLength(2);
  });

  it('requires JWT_SECRET and SESSION_DATA_KEY in production', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.problems).toEqual([
      'JWT_SECRET: required when NODE_ENV is production',
      'SESSION_DATA_KEY: required when NODE_ENV is production',
    ]);
    const key = Buffer.alloc(32, 1).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      SESSION_DATA_KEY: key,
    });
    expect(config.sessionDataKey).toEqual(Buffer.alloc(32, 1));
  });

  it('refuses a session data key that is not 32 bytes of base64', () => {
    const error = configError({ SESSION_DATA_KEY: Buffer.alloc(16).toString('base64') });
    expect(error.problems).toEqual([
      'SESSION_DATA_KEY: must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    ]);
  });

  it('slides sessions 30 days by default, within bounds', () => {
    expect(loadConfig({}).sessionLifetimeSeconds).toBe(30 * 24 * 3600);
    expect(loadConfig({ SESSION_LIFETIME_SECONDS: '600' }).sessionLifetimeSeconds).toBe(600);
    expect(configError({ SESSION_LIFETIME_SECONDS: '59' }).problems[0]).toMatch(
      /^SESSION_LIFETIME_SECONDS:/,
    );
  });

  it('reads the analytics settings, with defaults', () => {
    expect(loadConfig({}).analytics).toEqual({
      abandonAfterMinutes: 1440,
      maxDays: 366,
      rollupIntervalSeconds: 3600,
    });
    expect(
      loadConfig({ ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0', ANALYTICS_MAX_DAYS: '31' }).analytics,
    ).toMatchObject({ rollupIntervalSeconds: 0, maxDays: 31 });
    expect(configError({ ANALYTICS_ABANDON_AFTER_MINUTES: '0' }).problems[0]).toMatch(
      /^ANALYTICS_ABANDON_AFTER_MINUTES:/,
    );
  });

  it('reads the event settings: in-process by default, Redis when REDIS_URL is set', () => {
    expect(loadConfig({}).events).toEqual({
      redisUrl: undefined,
      redisChannel: 'mwp:session-events',
      maxBacklog: 1000,
      maxBufferedBytes: 8 * 1024 * 1024,
    });
    expect(
      loadConfig({ REDIS_URL: 'rediss://cache:6380/0', SUBSCRIPTION_MAX_BACKLOG: '50' }).events,
    ).toMatchObject({ redisUrl: 'rediss://cache:6380/0', maxBacklog: 50 });
    expect(configError({ REDIS_URL: 'http://cache' }).problems[0]).toMatch(/^REDIS_URL:/);
    expect(configError({ SUBSCRIPTION_MAX_BACKLOG: '0' }).problems[0]).toMatch(
      /^SUBSCRIPTION_MAX_BACKLOG:/,
    );
    expect(configError({ SUBSCRIPTION_MAX_BUFFERED_BYTES: '10' }).problems[0]).toMatch(
      /^SUBSCRIPTION_MAX_BUFFERED_BYTES:/,
    );
  });

  it('allows any origin without credentials by default, and caches preflights 10 minutes', () => {
    expect(loadConfig({}).cors).toEqual({ origins: '*', credentials: false, maxAgeSeconds: 600 });
  });

  it('reads CORS origins as an exact list, with credentials and a max-age', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      CORS_CREDENTIALS: 'true',
      CORS_MAX_AGE_SECONDS: '0',
    });
    expect(config.cors).toEqual({
      origins: ['https://app.example.com', 'http://localhost:5173'],
      credentials: true,
      maxAgeSeconds: 0,
    });
  });

  it.each([
    'https://app.example.com/',
    'app.example.com',
    'https://app.example.com/path',
    'ftp://x',
  ])('refuses %s as a CORS origin', (origin) => {
    const problems = configError({ CORS_ORIGINS: origin }).problems;
    expect(problems).toEqual([expect.stringMatching(/^CORS_ORIGINS: .*not an origin/)]);
  });

  it('refuses credentials with any origin (*)', () => {
    expect(configError({ CORS_CREDENTIALS: 'true' }).problems).toEqual([
      expect.stringMatching(/^CORS_CREDENTIALS: .*CORS_ORIGINS/),
    ]);
    expect(configError({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'yes' }).problems).toHaveLength(1);
    expect(configError({ CORS_MAX_AGE_SECONDS: '-1' }).problems[0]).toMatch(
      /^CORS_MAX_AGE_SECONDS:/,
    );
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '',
      DATABASE_URL: '',
      LOG_LEVEL: '',
      DEMO_DATA: '',
      PAGE_SIZE_DEFAULT: '',
      PAGE_SIZE_MAX: '',
    });
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.demoData).toBe(true);
    expect(config.pageSizeDefault).toBe(20);
    expect(config.pageSizeMax).toBe(100);
  });
});
