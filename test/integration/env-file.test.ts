import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/free-port';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const BANNER_URL = /GraphQL API: (\S+)/;

describe('the .env file of the working directory', () => {
  let db: TestDatabase;
  let cwd: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  beforeEach(() => {
    cwd = realpathSync(mkdtempSync(join(tmpdir(), 'mwp-dotenv-')));
  });
  afterEach(async () => {
    await server?.stop('SIGTERM');
    server = undefined;
    rmSync(cwd, { recursive: true, force: true });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('configures the server, and the real environment wins over it', async () => {
    const port = await freePort();
    writeFileSync(
      join(cwd, '.env'),
      [
        '# copied from .env.example and edited',
        `PORT=${port}`,
        'GRAPHQL_IDE=false',
        'LOG_LEVEL=silent',
        `JWT_SECRET="dotenv-test-secret-dotenv-test-secret"`,
      ].join('\n'),
    );
    server = spawnServer({ DATABASE_URL: db.url, HOST: '127.0.0.1', LOG_LEVEL: 'info' }, { cwd });
    await server.waitForOutput(BANNER_URL, 60_000);
    expect(BANNER_URL.exec(server.stdout())![1]).toBe(`http://127.0.0.1:${port}/graphql`);
    // LOG_LEVEL=info from the environment, not silent from the file: the log lines are there.
    expect(server.stdout()).toContain('"msg":"server ready"');
    // GRAPHQL_IDE=false from the file: no page for a browser, and the banner does not offer one.
    const page = await fetch(`http://127.0.0.1:${port}/graphql`, {
      headers: { accept: 'text/html' },
    });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(server.stdout()).not.toContain('GraphiQL');
  }, 90_000);

  it('stops the start with the file and line of a malformed one, and no stack trace', async () => {
    writeFileSync(join(cwd, '.env'), `PORT=${await freePort()}\nDATABASE_URL ${db.url}\n`);
    server = spawnServer({}, { cwd });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain(`${join(cwd, '.env')} line 2: expected NAME=value`);
    expect(server.stderr()).not.toContain(db.url);
    expect(server.stderr()).not.toMatch(/^\s+at /m);
  }, 60_000);
});
