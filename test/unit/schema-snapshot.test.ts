import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { createSchema } from '../../src/graphql/schema';

describe('schema.graphql', () => {
  it('equals the schema printed from the code (run `npm run schema:print` after a change)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(`${printSchema(await createSchema())}\n`).toBe(committed);
  });
});
