import { registerAccount, type TestAccount } from '../helpers/accounts';
import { chromiumInstalled, launchChromium, type HeadlessBrowser } from '../helpers/browser';
import { startPageServer, type PageServer } from '../helpers/page-server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const CHROMIUM = chromiumInstalled('the browser CORS tests');

/** A single-page app: its script POSTs to the API with a bearer token (so a preflight happens). */
const SPA_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>SPA</title></head>
  <body>
    <script>
      window.postGraphql = async function (url, token, query) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
            body: JSON.stringify({ query: query }),
          });
          return {
            status: response.status,
            requestId: response.headers.get('x-request-id'),
            body: await response.json(),
          };
        } catch (error) {
          return { error: String(error) };
        }
      };
    </script>
  </body>
</html>
`;

const ME = '{ me { id } }';

(CHROMIUM ? describe : describe.skip)('a web page on another origin, in headless chromium', () => {
  let db: TestDatabase;
  let browser: HeadlessBrowser;
  let app: PageServer;
  let stranger: PageServer;
  let account: TestAccount;
  const servers: TestServer[] = [];

  const start = async (env: Record<string, string>) => {
    const server = await startTestServer(db.dataSource, env);
    servers.push(server);
    return server;
  };

  /** Opens the page of `page` and runs its script against `server`; what the script saw. */
  async function callFrom(page: PageServer, server: TestServer): Promise<Record<string, any>> {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(`${page.origin}/`);
      return await tab.evaluate(
        ([url, token, query]) => (globalThis as any).postGraphql(url, token, query),
        [server.url, account.token, ME],
      );
    } finally {
      await tab.close();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    [app, stranger] = await Promise.all([startPageServer(SPA_PAGE), startPageServer(SPA_PAGE)]);
    browser = await launchChromium();
    account = await registerAccount(await start({}), db.dataSource, 'spa@example.com');
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.stop();
    await app?.close();
    await stranger?.close();
    await db?.drop();
  });

  describe.each([
    ['on', 'true'],
    ['off', 'false'],
  ])('with the IDE %s and CORS_ORIGINS listing the app', (_label, ide) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await start({ GRAPHQL_IDE: ide, CORS_ORIGINS: app.origin });
    });

    it('gives the app its data and the request id', async () => {
      const seen = await callFrom(app, server);
      expect(seen).toEqual({
        status: 200,
        requestId: expect.any(String),
        body: { data: { me: { id: account.id } } },
      });
    });

    it('blocks a page on an origin not in the list', async () => {
      const seen = await callFrom(stranger, server);
      expect(seen).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
    });
  });

  it('lets any origin in by default (CORS_ORIGINS=*)', async () => {
    const server = await start({});
    const seen = await callFrom(stranger, server);
    expect(seen.body).toEqual({ data: { me: { id: account.id } } });
  });
});
