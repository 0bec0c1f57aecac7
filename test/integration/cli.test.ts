import { runCli } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TIMEOUT = 120_000;

async function count(db: TestDatabase, sql: string): Promise<number> {
  const [row] = await db.dataSource.query<{ n: number }[]>(`SELECT (${sql})::int AS n`);
  return row.n;
}

describe('npm run db:revert / db:migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it(
    'reverts the last migration and applies it again',
    async () => {
      // What migrations make: tables, columns, indexes, policies, triggers and functions (with
      // their language and body). Every migration changes some of them.
      const schema = async () => {
        const [row] = await db.dataSource.query<{ objects: string }[]>(
          `SELECT md5(string_agg(o, ',' ORDER BY o)) AS objects FROM (
             SELECT 'table ' || tablename FROM pg_tables
              WHERE schemaname = 'public' AND tablename <> 'migrations'
             UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
               FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name <> 'migrations'
             UNION ALL SELECT 'index ' || indexname || ' ' || indexdef
               FROM pg_indexes WHERE schemaname = 'public'
             UNION ALL SELECT 'policy ' || tablename || '.' || policyname || ' '
                           || coalesce(qual, '') || ' ' || coalesce(with_check, '')
               FROM pg_policies WHERE schemaname = 'public'
             UNION ALL SELECT 'trigger ' || tgrelid::regclass || '.' || tgname
               FROM pg_trigger WHERE NOT tgisinternal
             UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname || ' ' || l.lanname
                           || ' ' || md5(p.prosrc)
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               JOIN pg_language l ON l.oid = p.prolang
              WHERE n.nspname IN ('public', 'rls')) objects(o)`,
        );
        return row.objects;
      };
      const before = await schema();
      const applied = 'SELECT count(*) FROM migrations';
      const migrations = await count(db, applied);
      const [last] = await db.dataSource.query<{ name: string }[]>(
        'SELECT name FROM migrations ORDER BY id DESC LIMIT 1',
      );
      const revert = await runCli('db.ts', ['revert'], db.url);
      expect(revert.code).toBe(0);
      expect(await count(db, applied)).toBe(migrations - 1);
      expect(await schema()).not.toBe(before);
      const migrate = await runCli('db.ts', ['migrate'], db.url);
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toContain(last.name);
      expect(await schema()).toBe(before);
    },
    TIMEOUT,
  );

  it(
    'refuses an unknown command',
    async () => {
      const result = await runCli('db.ts', ['explode'], db.url);
      expect(result.code).toBe(2);
      expect(result.stdout + result.stderr).toContain('unknown command');
    },
    TIMEOUT,
  );
});

describe('npm run seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it(
    'migrates an empty database, adds the demo data, and adds nothing twice',
    async () => {
      const first = await runCli('seed.ts', [], db.url);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/demo account: \S+ \/ \S+ \(ADMIN\)/);
      const wizards = await count(db, 'SELECT count(*) FROM wizards');
      const users = await count(db, 'SELECT count(*) FROM users');
      expect(wizards).toBeGreaterThanOrEqual(2);
      expect(users).toBe(3);
      const hash = await db.dataSource.query<{ h: string }[]>(
        "SELECT password_hash AS h FROM users WHERE user_role = 'ADMIN'",
      );
      expect(hash[0].h).toMatch(/^\$argon2id\$/);

      const second = await runCli('seed.ts', [], db.url);
      expect(second.code).toBe(0);
      expect(await count(db, 'SELECT count(*) FROM wizards')).toBe(wizards);
      expect(await count(db, 'SELECT count(*) FROM users')).toBe(users);
    },
    TIMEOUT,
  );
});

describe('a CLI script with a bad configuration', () => {
  it(
    'stops with a message naming the variable and no stack trace',
    async () => {
      const result = await runCli('db.ts', ['check'], 'mysql://nope');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DATABASE_URL: must be a postgres://');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
    TIMEOUT,
  );
});
