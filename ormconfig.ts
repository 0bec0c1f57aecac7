import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config';
import { resolveDatabaseUrl } from './src/database/database-url';
import { dataSourceOptions } from './src/database/data-source-options';

const config = loadConfig();

/**
 * The app's DataSource (also what the TypeORM CLI loads). With no DATABASE_URL it points at the
 * embedded cluster, which src/index.ts and the db scripts start before initializing it.
 */
export default new DataSource(dataSourceOptions(resolveDatabaseUrl(config), config));
