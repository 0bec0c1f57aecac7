import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { createSchema } from '../src/graphql/schema';
import { createServices } from '../src/services';
import { createLoaders } from '../src/loaders';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { TREE_QUERY } from './tree-query';
import { ANONYMOUS } from '../src/auth/viewer';
import { insertGeneratedWizards } from '../test/helpers/fixtures';
import { LARGE_SHAPE } from '../test/fixtures/generated-wizards';

async function main() {
  const ds = new DataSource(dataSourceOptions(process.env.URL!, { dbPoolSize: 4, dbStatementTimeoutMs: 30000 }));
  await ds.initialize();
  await ds.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await ds.runMigrations();
  const [id] = await insertGeneratedWizards(ds, 1, LARGE_SHAPE);
  const schema = await createSchema();
  const services = createServices(ds, { pageSizeDefault: 20, pageSizeMax: 100 });
  const doc = parse(TREE_QUERY);
  const rec = new Map<string, any>();
  const origQuery = ds.query.bind(ds);
  (ds as any).query = async (sql: string, params: any[]) => { const k = sql + JSON.stringify(params); if (!rec.has(k)) rec.set(k, await origQuery(sql, params)); return rec.get(k).map((r: any) => ({ ...r })); };
  const run = async () => execute({ schema, document: doc, variableValues: { id: String(id) }, contextValue: { requestId: 'x', viewer: ANONYMOUS, services, loaders: createLoaders(ds, { cache: true }) } });
  for (let i = 0; i < 100; i++) await run();
  const N = Number(process.env.N ?? 300);
  const t = performance.now();
  for (let i = 0; i < N; i++) await run();
  console.log('execute, cached SQL ms/op', ((performance.now() - t) / N).toFixed(2));
  await ds.destroy();
}
void main();
