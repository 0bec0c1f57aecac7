import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPasswordFile } from '../../src/database/password-file';

describe('withPasswordFile (initdb --pwfile)', () => {
  let parent: string;
  let cluster: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'mwp-pwfile-'));
    cluster = join(parent, 'postgres');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('hands over a file only its owner can read, next to the cluster, and removes it', async () => {
    let seen = '';
    await withPasswordFile(cluster, 's3cret', undefined, (file) => {
      seen = file;
      expect(file.startsWith(`${parent}/`)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe('s3cret\n');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
      return Promise.resolve();
    });
    expect(existsSync(seen)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('removes the file when the work fails', async () => {
    await expect(
      withPasswordFile(cluster, 's3cret', undefined, () =>
        Promise.reject(new Error('initdb failed')),
      ),
    ).rejects.toThrow('initdb failed');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('first removes what a killed start left for the same cluster, and only that', async () => {
    mkdirSync(join(parent, '.postgres.initdb-old123'));
    mkdirSync(join(parent, '.other.initdb-keep12'));
    await withPasswordFile(cluster, 's3cret', undefined, () => Promise.resolve());
    expect(readdirSync(parent)).toEqual(['.other.initdb-keep12']);
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    'gives the file and its directory to the OS user initdb runs as (root only)',
    async () => {
      await withPasswordFile(cluster, 's3cret', { uid: 4242, gid: 4343 }, (file) => {
        for (const path of [file, join(file, '..')]) {
          expect(statSync(path).uid).toBe(4242);
          expect(statSync(path).gid).toBe(4343);
        }
        return Promise.resolve();
      });
      expect(readdirSync(parent)).toEqual([]);
    },
  );
});
