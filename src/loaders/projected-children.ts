import type { DataSource } from 'typeorm';
import type { LoaderOptions } from './batch';
import { childListRead, type ChildQuery } from './child-list-read';
import type { RequestDatabase } from '../database/request-database';
import { GroupLoader } from './group-loader';

export interface ChildRow {
  id: number;
}

type Fetch = (db: RequestDatabase, parentIds: number[]) => Promise<ChildRow[]>;

/** Statement builders by DataSource and projection; bounded, since projections vary by query. */
const fetchCache = new WeakMap<DataSource, Map<string, Fetch>>();
const FETCH_CACHE_LIMIT = 500;

function fetchFor(
  dataSource: DataSource,
  query: ChildQuery,
  properties: ReadonlySet<string>,
  activeOnly: boolean,
  key: string,
): Fetch {
  let cache = fetchCache.get(dataSource);
  if (!cache) fetchCache.set(dataSource, (cache = new Map<string, Fetch>()));
  let fetch = cache.get(key);
  if (!fetch) {
    fetch = childListRead<ChildRow>(dataSource, query, { properties, activeOnly });
    if (cache.size >= FETCH_CACHE_LIMIT) cache.clear();
    cache.set(key, fetch);
  }
  return fetch;
}

interface TableFacts {
  tableName: string;
  parentProperty: string;
  columnProperties: ReadonlySet<string>;
}

/** What a child query's table offers, looked up in the metadata once per query (plans are static). */
const tableFacts = new WeakMap<ChildQuery, TableFacts>();

function tableOf(dataSource: DataSource, query: ChildQuery): TableFacts {
  let facts = tableFacts.get(query);
  if (!facts) {
    const metadata = dataSource.getMetadata(query.entity);
    const parentProperty = metadata.columns.find(
      (column) => column.databaseName === query.parentColumn,
    )?.propertyName;
    if (!parentProperty)
      throw new Error(`${metadata.tableName} has no column ${query.parentColumn}`);
    facts = {
      tableName: metadata.tableName,
      parentProperty,
      columnProperties: new Set(metadata.columns.map((c) => c.propertyName)),
    };
    tableFacts.set(query, facts);
  }
  return facts;
}

/**
 * Per-request loaders of child lists that read only the columns a query selects (plus id, the
 * parent id and the ordering columns). Reading whole rows for a 400-option tree spent a quarter of
 * the request's CPU on columns nobody asked for. One loader per distinct projection, so a level
 * still costs one statement per request however many parents it has.
 */
export class ProjectedChildren {
  private readonly loaders = new Map<string, GroupLoader<ChildRow>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: RequestDatabase,
    private readonly options: LoaderOptions,
  ) {}

  loader(query: ChildQuery, selected: Iterable<string>, activeOnly: boolean) {
    const { tableName, parentProperty, columnProperties } = tableOf(this.dataSource, query);
    const properties = new Set(['id', parentProperty, ...query.orderProperties]);
    for (const name of selected) if (columnProperties.has(name)) properties.add(name);
    const key = `${tableName}|${query.parentColumn}|${activeOnly}|${[...properties].sort().join(',')}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      const fetch = fetchFor(this.dataSource, query, properties, activeOnly, key);
      loader = new GroupLoader(
        (ids) => fetch(this.db, ids),
        (row) => (row as unknown as Record<string, number>)[parentProperty],
        this.options,
      );
      this.loaders.set(key, loader);
    }
    return loader;
  }
}
