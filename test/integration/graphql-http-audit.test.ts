import { auditServer } from 'graphql-http';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('GraphQL over HTTP conformance (graphql-http auditServer)', () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('passes every audit with no errors', async () => {
    const results = await auditServer({ url: server.url });
    const errors = results.filter((result) => result.status === 'error');
    const report = errors.map((e) => `${e.id} ${e.name}: ${'reason' in e ? e.reason : ''}`);
    expect(report).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
  });
});
