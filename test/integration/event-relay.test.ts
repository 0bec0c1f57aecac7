import { freePort } from '../helpers/free-port';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Needs no Redis: it is about starting and serving while the configured one cannot be reached.
describe('REDIS_URL set and Redis unreachable at start-up', () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    // A port nobody listens on: every connection attempt is refused.
    server = await startTestServer(db.dataSource, {
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('starts, serves and says in /readyz that events stay in this instance', async () => {
    const { body } = await server.graphql('{ wizards { edges { node { id } } } }');
    expect(body.errors).toBeUndefined();
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      events: { transport: 'redis', connected: false, dropped: 0, streams: 0 },
    });
  });
});
