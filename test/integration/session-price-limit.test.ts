import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { SelectionType } from '../../src/entities/enums';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { DOCS } from '../helpers/authoring';
import { START_FROM_TEMPLATE, SAVE_TEMPLATE } from '../helpers/sharing';
import { failure, ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

/** The most an option costs (DECIMAL(10,2)), and so the most a session's total can be. */
const MAX = '99999999.99';

/**
 * `big`: a MULTIPLE set of two options at the maximum price (and a cheap one); `more`: one option
 * of 0.01, so that a total already at the maximum cannot take a cent more.
 */
const PRICEY: WizardDefinition = {
  key: 'price-limit',
  name: 'Price limit',
  published: true,
  allowTemplates: true,
  steps: [
    {
      key: 'big',
      name: 'Big',
      optionSets: [
        {
          key: 'note',
          name: 'Note',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          options: [],
        },
        {
          key: 'pricey',
          name: 'Pricey',
          selectionType: SelectionType.MULTIPLE,
          maxSelections: 3,
          options: [
            { key: 'a', label: 'A', price: MAX },
            { key: 'b', label: 'B', price: MAX },
            { key: 'cheap', label: 'Cheap', price: '1.00' },
          ],
        },
      ],
    },
    {
      key: 'more',
      name: 'More',
      optionSets: [
        { key: 'cent', name: 'Cent', options: [{ key: 'c', label: 'C', price: '0.01' }] },
      ],
    },
  ],
};

describe('a session total past what total_price holds', () => {
  let db: TestDatabase;
  let server: TestServer;
  let user: TestAccount;
  let author: TestAccount;
  let ids: WizardIds;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    user = await registerAccount(server, db.dataSource, 'buyer@example.com');
    author = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
    [ids] = await storeWizards(db.dataSource, [PRICEY]);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  /** What a refused change must leave alone: the session row, its selections and activity. */
  const stored = async (sessionId: string) =>
    db.dataSource.query(
      `SELECT row_version, current_step_id, total_price, is_completed,
         (SELECT count(*)::int FROM wizard_user_selections WHERE session_id = s.session_id) selections,
         (SELECT count(*)::int FROM wizard_session_activity_log WHERE session_id = s.session_id) activity
       FROM wizard_user_sessions s WHERE session_id = $1`,
      [sessionId],
    );

  /** Preview, then submit, the same answers; both refusals, with nothing written. */
  async function previewAndSubmit(driver: SessionDriver, step: string, answers: AnyData) {
    const before = await stored(driver.id);
    const preview = ok(await driver.preview(step, answers)).previewStep;
    const submitted = failure(await driver.submit(step, answers));
    expect(await stored(driver.id)).toEqual(before);
    return { preview, submitted };
  }

  it('refuses two options at the maximum identically in preview and submit', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    const answers = { note: { value: 'hello' }, pricey: { options: ['a', 'b'] } };
    const { preview, submitted } = await previewAndSubmit(driver, 'big', answers);
    expect(preview.ok).toBe(false);
    expect(submitted.code).toBe('BAD_USER_INPUT');
    const problem = {
      code: 'PRICE_TOO_HIGH',
      setId: ids.set['big.pricey'],
      setKey: 'pricey',
      optionId: null,
      message: `The total would be 199999999.98, more than a session can hold (${MAX}).`,
    };
    expect(preview.problems).toEqual([problem]);
    expect(submitted.extensions.problems).toEqual([problem]);
    // The pricey set is the second answer given.
    expect(submitted.extensions.fields).toEqual([
      { field: 'answers[1]', message: `PRICE_TOO_HIGH: ${problem.message}` },
    ]);
    expect(driver.version).toBe(1);
  });

  it('refuses a cent more on a later step, in preview and submit alike', async () => {
    const driver = new SessionDriver(server, ids, user.headers);
    await driver.start();
    ok(await driver.submit('big', { pricey: { options: ['a'] } }));
    const { preview, submitted } = await previewAndSubmit(driver, 'more', {
      cent: { options: ['c'] },
    });
    expect(preview.problems.map((problem: AnyData) => problem.code)).toEqual(['PRICE_TOO_HIGH']);
    expect(submitted.extensions.problems.map((problem: AnyData) => problem.code)).toEqual([
      'PRICE_TOO_HIGH',
    ]);
    expect(preview.problems[0].setId).toBe(submitted.extensions.problems[0].setId);
    expect(driver.version).toBe(2);
  });

  describe('after an author raises a price past the limit', () => {
    let driver: SessionDriver;
    let templateId: string;

    beforeAll(async () => {
      // A session that fits (1.00 + 0.01), saved as a template; then the 1.00 option costs the most.
      driver = new SessionDriver(server, ids, user.headers);
      await driver.start();
      ok(await driver.submit('big', { pricey: { options: ['cheap'] } }));
      ok(await driver.submit('more', { cent: { options: ['c'] } }));
      const saved = await server.graphql(
        SAVE_TEMPLATE,
        { input: { sessionId: driver.id, name: 'Fits' } },
        user.headers,
      );
      templateId = ok(saved).saveSessionAsTemplate.template.id;
      const raised = await server.graphql(
        DOCS.updateOption,
        { input: { id: ids.option['big.pricey.cheap'], price: MAX } },
        author.headers,
      );
      ok(raised);
    });

    it('refuses to complete the session (nothing written), instead of failing in the database', async () => {
      const before = await stored(driver.id);
      const refused = failure(await driver.complete());
      expect(await stored(driver.id)).toEqual(before);
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(refused.extensions.problems.map((problem: AnyData) => problem.code)).toEqual([
        'PRICE_TOO_HIGH',
      ]);
      expect(refused.extensions.fields.map((field: AnyData) => field.field)).toEqual(['sessionId']);
    });

    it('leaves out of a session started from a template the answer that no longer fits', async () => {
      const started = await server.graphql(
        START_FROM_TEMPLATE,
        { input: { templateId, withData: true } },
        user.headers,
      );
      const payload = ok(started).startFromTemplate;
      expect(payload.stepsApplied).toBe(1);
      expect(payload.notApplied).toEqual([
        {
          step: 'more',
          set: 'cent',
          option: null,
          reason: `PRICE_TOO_HIGH: The total would be 100000000.00, more than a session can hold (${MAX}).`,
        },
        // Without it the required set has no answer: the step, and the application, end there.
        { step: 'more', set: 'cent', option: null, reason: expect.stringMatching(/^REQUIRED: /) },
      ]);
      expect(payload.session.totalPrice).toBe(MAX);
    });
  });
});
