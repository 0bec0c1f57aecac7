import { join } from 'node:path';
import {
  diffCatalogs,
  executeSqlFile,
  readCatalog,
  TIMESTAMP,
  TIMESTAMPTZ,
  upgradeTimestamps,
  withoutColumns,
  withoutObjects,
  withoutTables,
  type Catalog,
} from '../helpers/catalog';
import { runCli } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const PROJECT_ROOT = join(__dirname, '..', '..');
const SEED_SQL = join(PROJECT_ROOT, 'test', 'fixtures', 'seed-000-schema.sql');
const CLI_TIMEOUT_MS = 60_000;

/** The seed's schema, built from its own SQL in an empty database; shared by the blocks below. */
let seedDb: TestDatabase | undefined;
let seedCatalog: Catalog;

beforeAll(async () => {
  seedDb = await createTestDatabase({ empty: true });
  await executeSqlFile(seedDb.url, SEED_SQL);
  seedCatalog = upgradeTimestamps(await readCatalog(seedDb.dataSource));
});

afterAll(async () => {
  await seedDb?.drop();
});

/**
 * Tables that later features add next to the seed's schema (the design allows extra tables).
 * Everything else in the migrated database must match the seed exactly.
 */
const EXTRA_TABLES = [
  'api_keys',
  'security_events',
  'login_throttle',
  'audit_log',
  'wizard_counter_deltas',
];

/** Columns that later features add to the seed's tables (design.md allows extra columns). */
const EXTRA_COLUMNS = [
  'users.is_guest',
  'wizard_user_sessions.row_version',
  'wizard_user_sessions.deleted_at',
  'wizard_user_sessions.paused_at',
  'wizard_user_sessions.step_entered_at',
  'wizard_user_sessions.draft_step_id',
  'wizard_user_sessions.draft_answers',
  'wizard_user_sessions.draft_encrypted',
  'wizard_user_sessions.recorded_step_ids',
  'wizard_session_replays.baseline_digest',
  'wizards.completion_minutes_total',
  'wizards.definition_revision',
];

/**
 * What keeps wizards.definition_revision current (the definition cache's key), the trigger that
 * keeps a session's owner columns for its owner (row-level security), and indexes on the session
 * references the seed left unindexed (every session change reads replays by new_session_id).
 */
const EXTRA_OBJECTS = {
  triggers: [
    'wizard_user_sessions_owner_columns',
    'wizards_definition_revision',
    'wizard_steps_definition_revision',
    'wizard_option_sets_definition_revision',
    'wizard_options_definition_revision',
    'wizard_flow_rules_definition_revision',
    'wizard_option_dependencies_definition_revision',
    'wizard_set_dependencies_definition_revision',
  ],
  functions: [
    'wizard_definition_changed()',
    'wizard_part_changed()',
    'wizard_counters_fold(integer[])',
  ],
  sequences: ['wizard_definition_revision_seq'],
  indexes: [
    'idx_replays_new_session',
    'idx_replays_original_session',
    'idx_templates_original_session',
  ],
};

const withoutExtras = (catalog: Catalog) =>
  withoutObjects(
    withoutColumns(withoutTables(catalog, EXTRA_TABLES), EXTRA_COLUMNS),
    EXTRA_OBJECTS,
  );

describe('migrations vs seed 000 schema', () => {
  let db: TestDatabase | undefined;
  let migrated: Catalog;
  let full: Catalog;

  beforeAll(async () => {
    db = await createTestDatabase();
    full = await readCatalog(db.dataSource);
    migrated = withoutExtras(full);
  });

  it('adds exactly the documented extra tables', () => {
    const seedNames = new Set(seedCatalog.relations.map((relation) => relation.name));
    const extras = full.relations.filter((relation) => !seedNames.has(relation.name));
    expect(extras.map((relation) => relation.name).sort()).toEqual([...EXTRA_TABLES].sort());
  });

  it('adds exactly the documented extra columns to the seed tables', () => {
    const seedColumns = new Set(seedCatalog.columns.map((c) => `${c.tableName}.${c.name}`));
    const extras = withoutTables(full, EXTRA_TABLES)
      .columns.map((c) => `${c.tableName}.${c.name}`)
      .filter((name) => !seedColumns.has(name));
    expect(extras.sort()).toEqual([...EXTRA_COLUMNS].sort());
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('reads a complete catalog from the migrated database', () => {
    const kinds = migrated.relations.map((relation) => relation.kind);
    expect(kinds.filter((kind) => kind === 'table')).toHaveLength(16);
    expect(kinds.filter((kind) => kind === 'view')).toHaveLength(2);
    expect(migrated.indexes.filter((index) => index.name.startsWith('idx_'))).toHaveLength(43);
    expect(migrated.triggers.map((trigger) => trigger.name).sort()).toEqual([
      'update_users_updated_at',
      'update_wizard_session_templates_updated_at',
      'update_wizard_steps_updated_at',
      'update_wizards_updated_at',
    ]);
    const foreignKeys = migrated.constraints.filter((c) => c.type === 'foreign key');
    expect(foreignKeys.length).toBeGreaterThanOrEqual(41);
    expect(migrated.functions.map((f) => f.signature)).toContain('update_updated_at_column()');
  });

  it('stores every timestamp as timestamptz', () => {
    const types = migrated.columns.map((column) => column.type);
    expect(types.filter((type) => type === TIMESTAMPTZ).length).toBeGreaterThan(0);
    expect(types.filter((type) => type === TIMESTAMP)).toEqual([]);
  });

  it('reads the same catalog from the seed database', () => {
    expect(seedCatalog.relations).toHaveLength(18);
    expect(seedCatalog.indexes.filter((index) => index.name.startsWith('idx_'))).toHaveLength(43);
    expect(seedCatalog.triggers).toHaveLength(4);
  });

  it('matches the seed item by item, apart from TIMESTAMP -> TIMESTAMPTZ', () => {
    expect(diffCatalogs(seedCatalog, migrated)).toEqual([]);
  });
});

describe('db:revert', () => {
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('undoes every migration, leaving only the migrations table', async () => {
    for (let i = 0; i < db!.dataSource.migrations.length; i++) {
      await db!.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const left = await readCatalog(db!.dataSource);
    expect([...left.relations, ...left.functions, ...left.sequences]).toEqual([]);
    expect(diffCatalogs(left, emptyCatalog())).toEqual([]);
    const applied = await db!.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM migrations',
    );
    expect(applied).toEqual([{ count: 0 }]);
  });

  it('re-applies them to the same schema as the seed', async () => {
    const applied = await db!.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(
      db!.dataSource.migrations.map((migration) => migration.name),
    );
    const catalog = withoutExtras(await readCatalog(db!.dataSource));
    expect(diffCatalogs(seedCatalog, catalog)).toEqual([]);
  });
});

describe('db:check (the CLI)', () => {
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it(
    'exits 0 on a migrated database',
    async () => {
      const result = await runDbCli('check', db!.url);
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('entities and migrations agree');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exits non-zero once an index is dropped',
    async () => {
      await db!.dataSource.query('DROP INDEX idx_wizards_featured');
      const result = await runDbCli('check', db!.url);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain('idx_wizards_featured');
    },
    CLI_TIMEOUT_MS,
  );
});

function emptyCatalog(): Catalog {
  return {
    relations: [],
    columns: [],
    constraints: [],
    indexes: [],
    triggers: [],
    functions: [],
    viewColumns: [],
    viewDefinitions: [],
    sequences: [],
  };
}

/** Runs `src/cli/db.ts <command>` as `npm run db:*` would, against the given database. */
function runDbCli(command: string, databaseUrl: string) {
  return runCli('db.ts', [command], databaseUrl, CLI_TIMEOUT_MS - 5_000);
}
