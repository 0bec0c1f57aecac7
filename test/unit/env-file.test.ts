import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadEnvFile } from '../../src/config';
import { parseEnvFile } from '../../src/env-file';

describe('parseEnvFile', () => {
  it('reads NAME=value lines as node does: comments, quotes, export, blanks', () => {
    const text = [
      '# a comment',
      '',
      'PORT=5000',
      'export LOG_LEVEL=debug',
      'CORS_ORIGINS="https://a.example, https://b.example" # trailing comment',
      "JWT_SECRET='with # inside'",
      '  HOST = 127.0.0.1',
      'DATABASE_URL=',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      values: {
        PORT: '5000',
        LOG_LEVEL: 'debug',
        CORS_ORIGINS: 'https://a.example, https://b.example',
        JWT_SECRET: 'with # inside',
        HOST: '127.0.0.1',
        DATABASE_URL: '',
      },
      problems: [],
    });
  });

  it('names every malformed line by number, without echoing its text', () => {
    const { values, problems } = parseEnvFile(
      'PORT=5000\nJWT_SECRET a-secret-value\n1BAD=x\nKEY="no end\r\n',
    );
    expect(values).toEqual({});
    expect(problems).toEqual([
      'line 2: expected NAME=value (or a # comment)',
      'line 3: expected NAME=value (or a # comment)',
      'line 4: the quoted value of KEY does not end on its line',
    ]);
    expect(problems.join()).not.toContain('a-secret-value');
  });
});

describe('loadEnvFile', () => {
  let dir: string;
  const names = ['MWP_ENV_FILE_TEST_A', 'MWP_ENV_FILE_TEST_B'];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mwp-env-file-'));
  });
  afterEach(() => {
    for (const name of names) delete process.env[name];
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets what the environment lacks and leaves what it has', () => {
    process.env.MWP_ENV_FILE_TEST_A = 'from the environment';
    writeFileSync(
      join(dir, '.env'),
      'MWP_ENV_FILE_TEST_A=from file\nMWP_ENV_FILE_TEST_B=from file\n',
    );
    loadEnvFile(join(dir, '.env'));
    expect(process.env.MWP_ENV_FILE_TEST_A).toBe('from the environment');
    expect(process.env.MWP_ENV_FILE_TEST_B).toBe('from file');
  });

  it('is content without a file', () => {
    expect(() => loadEnvFile(join(dir, '.env'))).not.toThrow();
  });

  it('stops with a ConfigError naming the file and line of a malformed one, setting nothing', () => {
    writeFileSync(join(dir, '.env'), 'MWP_ENV_FILE_TEST_B=1\nnot a setting\n');
    expect(() => loadEnvFile(join(dir, '.env'))).toThrow(ConfigError);
    expect(() => loadEnvFile(join(dir, '.env'))).toThrow(`${join(dir, '.env')} line 2:`);
    expect(process.env.MWP_ENV_FILE_TEST_B).toBeUndefined();
  });

  it('stops with a ConfigError when the file cannot be read', () => {
    mkdirSync(join(dir, '.env'));
    expect(() => loadEnvFile(join(dir, '.env'))).toThrow(/\.env: cannot be read \(EISDIR\)/);
  });
});
