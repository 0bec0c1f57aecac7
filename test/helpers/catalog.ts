import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * What PostgreSQL's catalog says about schema `public`, read item by item so that two databases
 * can be compared: one built by the migrations, one by a seed's own SQL. The TypeORM `migrations`
 * table (with its sequence and primary key) and objects owned by extensions are left out.
 */
export interface Catalog {
  relations: RelationRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  triggers: TriggerRow[];
  functions: FunctionRow[];
  viewColumns: ViewColumnRow[];
  viewDefinitions: ViewDefinitionRow[];
  sequences: SequenceRow[];
}

export interface RelationRow {
  name: string;
  kind: string;
  comment: string | null;
}

export interface ColumnRow {
  tableName: string;
  name: string;
  type: string;
  default: string | null;
  notNull: boolean;
}

export interface ConstraintRow {
  tableName: string;
  name: string;
  type: string;
  definition: string;
}

export interface IndexRow {
  tableName: string;
  name: string;
  definition: string;
}

export interface TriggerRow {
  tableName: string;
  name: string;
  definition: string;
}

export interface FunctionRow {
  signature: string;
  language: string;
  result: string;
  source: string;
}

export interface ViewColumnRow {
  viewName: string;
  name: string;
  type: string;
}

export interface ViewDefinitionRow {
  viewName: string;
  definition: string;
}

export interface SequenceRow {
  name: string;
  ownedBy: string | null;
}

export const TIMESTAMP = 'timestamp without time zone';
export const TIMESTAMPTZ = 'timestamp with time zone';

const MIGRATIONS_TABLE = 'migrations';

/** The relation `alias` is in schema public and is not the TypeORM migrations table. */
function inPublic(alias: string): string {
  return `${alias}.relnamespace = 'public'::regnamespace AND ${alias}.relname <> '${MIGRATIONS_TABLE}'`;
}

/** The object `oid` of catalog `catalog` was not created by an extension. */
function notFromExtension(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass
    AND e.objid = ${oid} AND e.deptype = 'e')`;
}

const RELATIONS_SQL = `
  SELECT c.relname AS name,
    CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
      WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' END AS kind,
    obj_description(c.oid, 'pg_class') AS comment
  FROM pg_class c
  WHERE ${inPublic('c')} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${notFromExtension('pg_class', 'c.oid')}
  ORDER BY 1`;

function attributesSql(relkinds: string): string {
  return `
  SELECT c.relname AS "relationName", a.attname AS name,
    format_type(a.atttypid, a.atttypmod) AS type,
    pg_get_expr(d.adbin, d.adrelid) AS default, a.attnotnull AS "notNull"
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE ${inPublic('c')} AND c.relkind IN (${relkinds}) AND a.attnum > 0 AND NOT a.attisdropped
    AND ${notFromExtension('pg_class', 'c.oid')}
  ORDER BY 1, 2`;
}

const CONSTRAINTS_SQL = `
  SELECT c.relname AS "tableName", con.conname AS name,
    CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'f' THEN 'foreign key' WHEN 'u' THEN 'unique'
      WHEN 'c' THEN 'check' WHEN 'n' THEN 'not null' WHEN 'x' THEN 'exclusion'
      WHEN 't' THEN 'trigger' ELSE con.contype::text END AS type,
    pg_get_constraintdef(con.oid) AS definition
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  WHERE ${inPublic('c')}
  ORDER BY 1, 2`;

const INDEXES_SQL = `
  SELECT t.relname AS "tableName", i.relname AS name, pg_get_indexdef(i.oid) AS definition
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  WHERE ${inPublic('t')}
  ORDER BY 2`;

const TRIGGERS_SQL = `
  SELECT c.relname AS "tableName", tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition
  FROM pg_trigger tg
  JOIN pg_class c ON c.oid = tg.tgrelid
  WHERE ${inPublic('c')} AND NOT tg.tgisinternal
  ORDER BY 1, 2`;

const FUNCTIONS_SQL = `
  SELECT p.oid::regprocedure::text AS signature, l.lanname AS language,
    pg_get_function_result(p.oid) AS result, p.prosrc AS source
  FROM pg_proc p
  JOIN pg_language l ON l.oid = p.prolang
  WHERE p.pronamespace = 'public'::regnamespace AND ${notFromExtension('pg_proc', 'p.oid')}
  ORDER BY 1`;

const VIEW_DEFINITIONS_SQL = `
  SELECT c.relname AS "viewName", pg_get_viewdef(c.oid) AS definition
  FROM pg_class c
  WHERE ${inPublic('c')} AND c.relkind IN ('v', 'm')
  ORDER BY 1`;

const SEQUENCES_SQL = `
  SELECT s.relname AS name, t.relname || '.' || a.attname AS "ownedBy"
  FROM pg_class s
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
    AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class t ON t.oid = d.refobjid
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE s.relnamespace = 'public'::regnamespace AND s.relkind = 'S'
    AND t.relname IS DISTINCT FROM '${MIGRATIONS_TABLE}' AND ${notFromExtension('pg_class', 's.oid')}
  ORDER BY 1`;

interface AttributeRow {
  relationName: string;
  name: string;
  type: string;
  default: string | null;
  notNull: boolean;
}

async function rows<T>(dataSource: DataSource, sql: string): Promise<T[]> {
  return dataSource.query<T[]>(sql);
}

async function readColumns(dataSource: DataSource): Promise<ColumnRow[]> {
  const attributes = await rows<AttributeRow>(dataSource, attributesSql(`'r', 'p', 'f'`));
  return attributes.map(({ relationName, ...column }) => ({ tableName: relationName, ...column }));
}

async function readViewColumns(dataSource: DataSource): Promise<ViewColumnRow[]> {
  const attributes = await rows<AttributeRow>(dataSource, attributesSql(`'v', 'm'`));
  return attributes.map(({ relationName, name, type }) => ({ viewName: relationName, name, type }));
}

/** Reads the catalog of schema public through the given (initialized) DataSource. */
export async function readCatalog(dataSource: DataSource): Promise<Catalog> {
  return {
    relations: await rows<RelationRow>(dataSource, RELATIONS_SQL),
    columns: await readColumns(dataSource),
    constraints: await rows<ConstraintRow>(dataSource, CONSTRAINTS_SQL),
    indexes: await rows<IndexRow>(dataSource, INDEXES_SQL),
    triggers: await rows<TriggerRow>(dataSource, TRIGGERS_SQL),
    functions: await rows<FunctionRow>(dataSource, FUNCTIONS_SQL),
    viewColumns: await readViewColumns(dataSource),
    viewDefinitions: await rows<ViewDefinitionRow>(dataSource, VIEW_DEFINITIONS_SQL),
    sequences: await rows<SequenceRow>(dataSource, SEQUENCES_SQL),
  };
}

/**
 * The migration's one deliberate upgrade of the seed: TIMESTAMP became TIMESTAMPTZ. Applied to the
 * seed's catalog (table and view columns) so that everything else can be compared for equality.
 */
export function upgradeTimestamps(catalog: Catalog): Catalog {
  const upgrade = (type: string): string => (type === TIMESTAMP ? TIMESTAMPTZ : type);
  return {
    ...catalog,
    columns: catalog.columns.map((column) => ({ ...column, type: upgrade(column.type) })),
    viewColumns: catalog.viewColumns.map((column) => ({ ...column, type: upgrade(column.type) })),
  };
}

function describeColumn(column: ColumnRow): string {
  const parts = [column.type];
  if (column.default !== null) parts.push(`default ${column.default}`);
  if (column.notNull) parts.push('not null');
  return parts.join(' ');
}

/** The catalog as `item -> description`, e.g. `column wizards.version` -> `character varying(20) …`. */
export function describeCatalog(catalog: Catalog): Map<string, string> {
  const entries: [string, string][] = [
    ...catalog.relations.map((r): [string, string] => [
      `relation ${r.name}`,
      `${r.kind}, comment ${JSON.stringify(r.comment)}`,
    ]),
    ...catalog.columns.map((c): [string, string] => [
      `column ${c.tableName}.${c.name}`,
      describeColumn(c),
    ]),
    ...catalog.constraints.map((c): [string, string] => [
      `constraint ${c.tableName}.${c.name}`,
      `${c.type}: ${c.definition}`,
    ]),
    ...catalog.indexes.map((i): [string, string] => [`index ${i.name}`, i.definition]),
    ...catalog.triggers.map((t): [string, string] => [
      `trigger ${t.tableName}.${t.name}`,
      t.definition,
    ]),
    ...catalog.functions.map((f): [string, string] => [
      `function ${f.signature}`,
      `${f.language} returns ${f.result}, source ${JSON.stringify(f.source)}`,
    ]),
    ...catalog.viewColumns.map((c): [string, string] => [
      `view column ${c.viewName}.${c.name}`,
      c.type,
    ]),
    ...catalog.viewDefinitions.map((v): [string, string] => [
      `view definition ${v.viewName}`,
      JSON.stringify(v.definition),
    ]),
    ...catalog.sequences.map((s): [string, string] => [
      `sequence ${s.name}`,
      `owned by ${s.ownedBy ?? 'nothing'}`,
    ]),
  ];
  return new Map(entries);
}

/**
 * Every item on which two catalogs differ, as `item: <expected> vs <actual>`; an item missing on one
 * side reads `(absent)`. Empty when the catalogs are equal.
 */
export function diffCatalogs(expected: Catalog, actual: Catalog): string[] {
  const left = describeCatalog(expected);
  const right = describeCatalog(actual);
  const items = [...new Set([...left.keys(), ...right.keys()])].sort();
  return items
    .filter((item) => left.get(item) !== right.get(item))
    .map((item) => `${item}: ${left.get(item) ?? '(absent)'} vs ${right.get(item) ?? '(absent)'}`);
}

/** Runs a whole SQL file as one multi-statement query (simple protocol, so `$$` bodies work). */
export async function executeSqlFile(url: string, path: string): Promise<void> {
  const sql = await readFile(path, 'utf8');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The catalog without the given tables and everything that belongs to them. */
export function withoutTables(catalog: Catalog, tables: readonly string[]): Catalog {
  const drop = new Set(tables);
  return {
    ...catalog,
    relations: catalog.relations.filter((r) => !drop.has(r.name)),
    columns: catalog.columns.filter((c) => !drop.has(c.tableName)),
    constraints: catalog.constraints.filter((c) => !drop.has(c.tableName)),
    indexes: catalog.indexes.filter((i) => !drop.has(i.tableName)),
    triggers: catalog.triggers.filter((t) => !drop.has(t.tableName)),
    sequences: catalog.sequences.filter((s) => !tables.some((t) => s.name.startsWith(`${t}_`))),
  };
}

/** The catalog without the given extra columns (`table.column`), to compare with the seed's. */
export function withoutColumns(catalog: Catalog, columns: readonly string[]): Catalog {
  const drop = new Set(columns);
  // PostgreSQL 18 lists NOT NULL as constraints named <table>_<column>_not_null.
  const notNull = new Set(columns.map((column) => `${column.replace('.', '_')}_not_null`));
  return {
    ...catalog,
    columns: catalog.columns.filter((c) => !drop.has(`${c.tableName}.${c.name}`)),
    constraints: catalog.constraints.filter((c) => !notNull.has(c.name)),
  };
}

/** The catalog without extra triggers, functions and sequences that features add. */
export function withoutObjects(
  catalog: Catalog,
  extras: {
    triggers: readonly string[];
    functions: readonly string[];
    sequences: readonly string[];
    indexes: readonly string[];
  },
): Catalog {
  return {
    ...catalog,
    indexes: catalog.indexes.filter((i) => !extras.indexes.includes(i.name)),
    triggers: catalog.triggers.filter((t) => !extras.triggers.includes(t.name)),
    functions: catalog.functions.filter((f) => !extras.functions.includes(f.signature)),
    sequences: catalog.sequences.filter((s) => !extras.sequences.includes(s.name)),
  };
}
