import type { Page } from 'playwright-core';
import { sessionWizards } from '../fixtures/session-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { chromiumInstalled, launchChromium, type HeadlessBrowser } from '../helpers/browser';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { sessionEvents } from '../../src/events/session-events';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const CHROMIUM = chromiumInstalled('the browser IDE tests');

/** Replaces the text of one of GraphiQL's editors (CodeMirror keeps its instance on the element). */
async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).waitFor();
  await page.evaluate(
    ([css, value]) => (globalThis as any).document.querySelector(css).CodeMirror.setValue(value),
    [selector, text],
  );
}

function responseText(page: Page): Promise<string> {
  return page.evaluate(
    (css) => (globalThis as any).document.querySelector(css).CodeMirror.getValue() as string,
    RESPONSE,
  );
}

/** Waits until the server streams to the IDE; fails at once with what the IDE shows instead. */
async function subscribed(page: Page): Promise<void> {
  while (sessionEvents.listenerCount() === 0) {
    const shown = await responseText(page);
    if (shown) throw new Error(`the IDE answered instead of subscribing: ${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
const HEADERS_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
const RESPONSE = '.graphiql-response .CodeMirror';

(CHROMIUM ? describe : describe.skip)('GraphiQL in headless chromium', () => {
  let db: TestDatabase;
  let server: TestServer;
  let browser: HeadlessBrowser;
  let ids: WizardIds;
  let owner: TestAccount;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    [ids] = await storeWizards(db.dataSource, [sessionWizards.branch]);
    owner = await registerAccount(server, db.dataSource, 'ide@example.com');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.drop();
  });

  it("runs a subscription over graphql-ws and shows the session's next event", async () => {
    const session = new SessionDriver(server, ids, owner.headers);
    await session.start();
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await setEditor(
      page,
      QUERY_EDITOR,
      `subscription Watch { sessionProgress(sessionId: "${session.id}") { type sessionId version } }`,
    );
    await page.getByText('Headers', { exact: true }).click();
    await setEditor(
      page,
      HEADERS_EDITOR,
      JSON.stringify({ Authorization: `Bearer ${owner.token}` }),
    );
    await page.locator('.graphiql-execute-button').click();
    await subscribed(page);

    ok(await session.submit('start', { pick: { options: ['left'] } }));
    const shown = await page.waitForFunction((css) => {
      const text: string = (globalThis as any).document.querySelector(css).CodeMirror.getValue();
      return text.includes('STEP_COMPLETED') && text;
    }, RESPONSE);
    expect(JSON.parse((await shown.jsonValue()) as string)).toEqual({
      data: { sessionProgress: { type: 'STEP_COMPLETED', sessionId: session.id, version: 2 } },
    });
    await page.close();
  });
});
