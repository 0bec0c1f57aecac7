import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type errors are caught by `npm run typecheck`; tests only transpile (decorator metadata is kept).
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // @marcbachmann/cel-js is ESM-only. Node >= 20.19 require()s it natively (src and dist), but
    // jest 29 cannot, so its files are transpiled to CommonJS here (and only its files, see below).
    '/node_modules/@marcbachmann/cel-js/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  setupFiles: ['<rootDir>/test/helpers/setup-env.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
