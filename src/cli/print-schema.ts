import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { createSchema } from '../graphql/schema';

/** `npm run schema:print`: writes schema.graphql from the code (a test fails when it is stale). */
async function main(): Promise<void> {
  const file = join(__dirname, '..', '..', 'schema.graphql');
  writeFileSync(file, `${printSchema(await createSchema())}\n`);
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
