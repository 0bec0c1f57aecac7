import { DEMO_WIZARDS } from '../../src/seed/demo';
import { demoRun } from '../fixtures/demo-session-runs';
import { branchWizard, linearWizard } from '../fixtures/session-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { failure, ok, storeWizards, type WizardIds } from '../helpers/sessions';
import {
  chosen,
  DELETE_TEMPLATE,
  driverFor,
  pathOf,
  rowCounts,
  runSession,
  SAVE_TEMPLATE,
  START_FROM_TEMPLATE,
  TEMPLATES,
  UPDATE_TEMPLATE,
  type RunMove,
} from '../helpers/sharing';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

/** One valid path through each demo wizard (signed in: the templates need an owner). */
const RUNS = [
  'a gaming build: GPU first, payment plan above 1,500, accessories skipped',
  'a paid hybrid event: ticketing, streaming, an agenda file and promotion',
  'a large wedding with reception catering',
  'a video reading with an appointment and an astrology overlay',
].map(demoRun);

/** laptop: an everyday build with an engraving (typed input) and order notes (typed value). */
const EVERYDAY: RunMove[] = [
  { step: 'usage', answers: { primary_use: { options: ['everyday'] } } },
  {
    step: 'chassis',
    answers: {
      size: { options: ['size_13'] },
      display: { options: ['fhd'] },
      finish: { options: ['midnight_blue'] },
    },
  },
  {
    step: 'processor',
    answers: { cpu: { options: ['core_ultra_5'] }, operating_system: { options: ['ubuntu'] } },
  },
  {
    step: 'memory_storage',
    answers: { memory: { options: ['ram_16'] }, storage: { options: ['ssd_512'] } },
  },
  {
    step: 'extras',
    answers: {
      accessories: { options: ['wireless_mouse', 'sleeve'] },
      personalisation: { options: ['engraving'], input: { engraving: 'Property of Ada' } },
    },
  },
  {
    step: 'warranty_delivery',
    answers: { warranty: { options: ['standard_1y'] }, delivery: { options: ['store_pickup'] } },
  },
  {
    step: 'review',
    answers: { terms: { options: ['accept'] }, order_notes: { value: 'Gift wrap, please.' } },
  },
];

const LINEAR_ABA: RunMove[] = [
  { step: 'one', answers: { pick: { options: ['a'] } } },
  { step: 'two', answers: { pick: { options: ['b'] } } },
  { step: 'three', answers: { pick: { options: ['a'] } } },
];

const laptop = DEMO_WIZARDS.find((definition) => definition.key === 'laptop_configurator')!;

describe('session templates', () => {
  let db: TestDatabase;
  let server: TestServer;
  let owner: TestAccount;
  let other: TestAccount;
  let admin: TestAccount;
  const ids: Record<string, WizardIds> = {};

  const save = (account: TestAccount, input: AnyData) =>
    server.graphql(SAVE_TEMPLATE, { input }, account.headers);
  const startFrom = (account: TestAccount, input: AnyData) =>
    server.graphql(START_FROM_TEMPLATE, { input }, account.headers);
  const list = async (account: TestAccount, filter: AnyData = {}) =>
    ok(await server.graphql(TEMPLATES, { filter, first: 50 }, account.headers)).templates.edges.map(
      (edge: AnyData) => edge.node.name as string,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    const definitions = [
      ...DEMO_WIZARDS,
      { ...laptop, key: 'laptop_option_removed', name: 'Laptop (option removed)' },
      { ...branchWizard, key: 'branch_templates', allowTemplates: true },
      { ...branchWizard, key: 'branch_filters', allowTemplates: true },
      { ...linearWizard, key: 'linear_templates', allowTemplates: true },
      { ...linearWizard, key: 'linear_no_templates', allowTemplates: false },
    ];
    const stored = await storeWizards(db.dataSource, definitions);
    definitions.forEach((definition, i) => (ids[definition.key] = stored[i]));
    owner = await registerAccount(server, db.dataSource, 'owner@example.com');
    other = await registerAccount(server, db.dataSource, 'other@example.com');
    admin = await registerAccount(server, db.dataSource, 'admin@example.com', 'ADMIN');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('round trip on each demo wizard', () => {
    it.each(RUNS.map((run) => [run.wizard, run] as const))(
      '%s: another user starts from the template and gets the same answers, path and price',
      async (wizardKey, run) => {
        const original = await runSession(server, ids[wizardKey], owner.headers, run.moves, {
          complete: true,
        });
        const input = {
          sessionId: original.id,
          name: `round trip ${wizardKey}`,
          isPublic: true,
          includeUserData: true,
        };
        if (wizardKey === 'tarot_reading') {
          // The tarot demo does not allow templates; allow them to run the round trip.
          expect(failure(await save(owner, input)).code).toBe('FORBIDDEN');
          await db.dataSource.query(
            `UPDATE wizards SET allow_templates = true WHERE wizard_key = 'tarot_reading'`,
          );
        }
        const template = ok(await save(owner, input)).saveSessionAsTemplate.template;
        const copy = ok(
          await startFrom(other, { templateId: template.id, withData: true }),
        ).startFromTemplate;
        const originalView = await original.read();
        expect({
          stepsApplied: copy.stepsApplied,
          notApplied: copy.notApplied,
          path: pathOf(copy.session),
          total: copy.session.price.total,
          chosen: chosen(copy.session),
        }).toEqual({
          stepsApplied: run.moves.length,
          notApplied: [],
          path: run.path,
          total: run.total,
          chosen: chosen(originalView),
        });
        const completed = ok(
          await driverFor(server, ids[wizardKey], other.headers, copy.session).complete(),
        ).completeSession.session;
        expect([completed.status, completed.totalPrice]).toEqual(['COMPLETED', run.total]);
      },
    );

    it('without data, leaves typed values out and reports each of them', async () => {
      const original = await runSession(server, ids.laptop_configurator, owner.headers, EVERYDAY);
      const template = ok(
        await save(owner, { sessionId: original.id, name: 'everyday', includeUserData: true }),
      ).saveSessionAsTemplate.template;
      const copy = ok(
        await startFrom(owner, { templateId: template.id, withData: false }),
      ).startFromTemplate;
      expect({
        stepsApplied: copy.stepsApplied,
        notApplied: copy.notApplied,
        path: pathOf(copy.session),
        total: copy.session.price.total,
      }).toEqual({
        stepsApplied: 7,
        notApplied: [
          {
            step: 'extras',
            set: 'personalisation',
            option: null,
            reason: 'INPUT_REQUIRED: "Laser-engraved lid" needs your input.',
          },
          {
            step: 'review',
            set: 'order_notes',
            option: null,
            reason: 'typed data is not applied (withData is false)',
          },
        ],
        path: EVERYDAY.map((move) => `${move.step}:ANSWERED`),
        // 1075.00 without the 39.00 engraving, whose text was left out.
        total: '1036.00',
      });
      const typed = copy.session.selections.filter(
        (row: AnyData) => row.selectedValue !== null || row.additionalInput !== null,
      );
      expect(typed).toEqual([]);
      const setIds = copy.session.selections.map((row: AnyData) => row.setId);
      expect(setIds).not.toContain(ids.laptop_configurator.set['review.order_notes']);
      expect(setIds).not.toContain(ids.laptop_configurator.set['extras.personalisation']);
    });
  });
  describe('config and summary', () => {
    it('stores answers by step, set and option keys and a readable paragraph with the total', async () => {
      const original = await runSession(server, ids.linear_templates, owner.headers, LINEAR_ABA);
      const template = ok(await save(owner, { sessionId: original.id, name: 'keys' }))
        .saveSessionAsTemplate.template;
      expect(template.config).toEqual({
        formatVersion: 1,
        wizardKey: 'linear_templates',
        steps: [
          { step: 'one', answers: [{ set: 'pick', options: ['a'] }] },
          { step: 'two', answers: [{ set: 'pick', options: ['b'] }] },
          { step: 'three', answers: [{ set: 'pick', options: ['a'] }] },
        ],
      });
      expect(template.summary).toBe(
        'Step one: A (10.00); Step two: B (2.00); Step three: A (30.00). Total 42.00.',
      );
      expect({
        wizardId: template.wizardId,
        originalSessionId: template.originalSessionId,
        userId: template.userId,
        isPublic: template.isPublic,
        isOfficial: template.isOfficial,
        useCount: template.useCount,
        lastUsedAt: template.lastUsedAt,
        tags: template.tags,
      }).toEqual({
        wizardId: ids.linear_templates.wizardId,
        originalSessionId: original.id,
        userId: owner.id,
        isPublic: false,
        isOfficial: false,
        useCount: 0,
        lastUsedAt: null,
        tags: [],
      });
      const activity = await original.activity();
      expect(activity.at(-1)).toMatchObject({
        type: 'SESSION_SAVED_AS_TEMPLATE',
        details: { templateId: Number(template.id), includeUserData: false, isPublic: false },
      });
    });
  });

  describe('starting from a template after the wizard changed', () => {
    it('reports a deactivated option with its step, set and option and applies the rest', async () => {
      const wizard = ids.laptop_option_removed;
      const original = await runSession(server, wizard, owner.headers, EVERYDAY);
      const template = ok(
        await save(owner, { sessionId: original.id, name: 'before', includeUserData: true }),
      ).saveSessionAsTemplate.template;
      await db.dataSource.query(
        'UPDATE wizard_options SET is_active = false WHERE option_id = $1',
        [wizard.option['extras.accessories.sleeve']],
      );
      const copy = ok(
        await startFrom(owner, { templateId: template.id, withData: true }),
      ).startFromTemplate;
      expect({
        stepsApplied: copy.stepsApplied,
        notApplied: copy.notApplied,
        path: pathOf(copy.session),
        total: copy.session.price.total,
      }).toEqual({
        stepsApplied: 7,
        notApplied: [
          {
            step: 'extras',
            set: 'accessories',
            option: 'sleeve',
            reason: 'the option no longer exists or is inactive',
          },
        ],
        path: EVERYDAY.map((move) => `${move.step}:ANSWERED`),
        // 1075.00 without the 49.00 sleeve.
        total: '1026.00',
      });
      expect(copy.session.selections.map((row: AnyData) => row.optionId)).toContain(
        wizard.option['extras.accessories.wireless_mouse'],
      );
    });

    it('reports the steps a changed rule no longer leads to', async () => {
      const wizard = ids.branch_templates;
      const original = await runSession(server, wizard, owner.headers, [
        { step: 'start', answers: { pick: { options: ['left'] } } },
        { step: 'left_step', answers: { pick: { options: ['l'] } } },
        { step: 'end', answers: { pick: { options: ['e'] } } },
      ]);
      const template = ok(await save(owner, { sessionId: original.id, name: 'left' }))
        .saveSessionAsTemplate.template;
      await db.dataSource.query(
        `UPDATE wizard_flow_rules SET to_step_id = $1 WHERE wizard_id = $2 AND rule_name = 'go left'`,
        [wizard.step.right_step, wizard.wizardId],
      );
      const copy = ok(
        await startFrom(owner, { templateId: template.id, withData: true }),
      ).startFromTemplate;
      expect({
        stepsApplied: copy.stepsApplied,
        notApplied: copy.notApplied,
        current: copy.session.currentStep.key,
        total: copy.session.price.total,
      }).toEqual({
        stepsApplied: 1,
        notApplied: [
          {
            step: 'left_step',
            set: null,
            option: null,
            reason: 'the flow no longer leads to this step',
          },
          { step: 'end', set: null, option: null, reason: 'the flow no longer leads to this step' },
        ],
        current: 'right_step',
        total: '1.00',
      });
    });
  });

  describe('using a template', () => {
    it('counts uses, records a replay row and a SESSION_REPLAYED activity on the new session', async () => {
      const original = await runSession(server, ids.linear_templates, owner.headers, LINEAR_ABA);
      const template = ok(
        await save(owner, { sessionId: original.id, name: 'counted', isPublic: true }),
      ).saveSessionAsTemplate.template;
      const uses = async () =>
        (
          await db.dataSource.query<{ use_count: number; used: boolean }[]>(
            `SELECT use_count, last_used_at IS NOT NULL AS used
               FROM wizard_session_templates WHERE template_id = $1`,
            [template.id],
          )
        )[0];
      expect(await uses()).toEqual({ use_count: 0, used: false });
      const first = ok(
        await startFrom(other, { templateId: template.id, withData: false }),
      ).startFromTemplate;
      expect(await uses()).toEqual({ use_count: 1, used: true });
      ok(await startFrom(owner, { templateId: template.id, withData: true }));
      expect(await uses()).toEqual({ use_count: 2, used: true });
      const seen = ok(
        await server.graphql(
          TEMPLATES,
          { filter: { wizardId: ids.linear_templates.wizardId } },
          owner.headers,
        ),
      ).templates.edges.find((edge: AnyData) => edge.node.id === template.id).node;
      expect(seen.useCount).toBe(2);
      expect(typeof seen.lastUsedAt).toBe('string');

      const replays = await db.dataSource.query(
        `SELECT user_id, wizard_id, template_id, original_session_id, replay_with_data,
                modifications_made FROM wizard_session_replays WHERE new_session_id = $1`,
        [first.session.id],
      );
      expect(replays).toEqual([
        {
          user_id: Number(other.id),
          wizard_id: Number(ids.linear_templates.wizardId),
          template_id: Number(template.id),
          original_session_id: Number(original.id),
          replay_with_data: false,
          modifications_made: false,
        },
      ]);
      const activity = await driverFor(
        server,
        ids.linear_templates,
        other.headers,
        first.session,
      ).activity();
      expect(activity.map((row) => [row.type, row.details])).toEqual([
        ['SESSION_STARTED', expect.any(Object)],
        [
          'SESSION_REPLAYED',
          {
            templateId: Number(template.id),
            originalSessionId: Number(original.id),
            withData: false,
            stepsApplied: 3,
            notApplied: 0,
            version: 1,
          },
        ],
      ]);
    });

    it('starts from a template whose original session was deleted', async () => {
      const original = await runSession(server, ids.linear_templates, owner.headers, LINEAR_ABA);
      const template = ok(await save(owner, { sessionId: original.id, name: 'orphan' }))
        .saveSessionAsTemplate.template;
      ok(await original.remove());
      const copy = ok(
        await startFrom(owner, { templateId: template.id, withData: true }),
      ).startFromTemplate;
      expect([copy.stepsApplied, copy.notApplied, copy.session.price.total]).toEqual([
        3,
        [],
        '42.00',
      ]);
    });
  });

  describe('refusals write nothing', () => {
    it('refuses a wizard that does not allow templates (FORBIDDEN)', async () => {
      const original = await runSession(server, ids.linear_no_templates, owner.headers, LINEAR_ABA);
      const before = await rowCounts(db.dataSource);
      expect(failure(await save(owner, { sessionId: original.id, name: 'no' })).code).toBe(
        'FORBIDDEN',
      );
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('refuses user data from a session that does not store it (BAD_USER_INPUT)', async () => {
      const original = await runSession(server, ids.linear_templates, owner.headers, LINEAR_ABA, {
        start: { storeUserData: false },
      });
      const before = await rowCounts(db.dataSource);
      const refused = failure(
        await save(owner, { sessionId: original.id, name: 'private', includeUserData: true }),
      );
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(await rowCounts(db.dataSource)).toEqual(before);
      // Without the user data it is fine.
      ok(await save(owner, { sessionId: original.id, name: 'private', includeUserData: false }));
    });

    it('lets only ADMINs mark a template official', async () => {
      const mine = await runSession(server, ids.linear_templates, owner.headers, LINEAR_ABA);
      const before = await rowCounts(db.dataSource);
      expect(
        failure(await save(owner, { sessionId: mine.id, name: 'official?', isOfficial: true }))
          .code,
      ).toBe('FORBIDDEN');
      expect(await rowCounts(db.dataSource)).toEqual(before);
      const theirs = await runSession(server, ids.linear_templates, admin.headers, LINEAR_ABA);
      const template = ok(
        await save(admin, { sessionId: theirs.id, name: 'official', isOfficial: true }),
      ).saveSessionAsTemplate.template;
      expect(template.isOfficial).toBe(true);
    });

    it('refuses to save a deleted session (NOT_FOUND)', async () => {
      const gone = await runSession(server, ids.linear_templates, owner.headers, LINEAR_ABA);
      ok(await gone.remove());
      const before = await rowCounts(db.dataSource);
      expect(failure(await save(owner, { sessionId: gone.id, name: 'gone' })).code).toBe(
        'NOT_FOUND',
      );
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it("refuses to save another user's session", async () => {
      const theirs = await runSession(server, ids.linear_templates, other.headers, LINEAR_ABA);
      const before = await rowCounts(db.dataSource);
      expect(failure(await save(owner, { sessionId: theirs.id, name: 'theirs' })).code).toBe(
        'NOT_FOUND',
      );
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });
  });

  describe('templates() and who may see, use and change a template', () => {
    const templateIds: Record<string, string> = {};
    let filterWizard: WizardIds;

    beforeAll(async () => {
      filterWizard = ids.branch_filters;
      const make = async (account: TestAccount, name: string, extra: AnyData) => {
        const run = await runSession(server, filterWizard, account.headers, [
          { step: 'start', answers: { pick: { options: ['right'] } } },
        ]);
        templateIds[name] = ok(
          await save(account, { sessionId: run.id, name, ...extra }),
        ).saveSessionAsTemplate.template.id;
      };
      await make(owner, 'own private', { tags: ['alpha'] });
      await make(owner, 'own public', { isPublic: true, tags: ['beta'] });
      await make(other, 'other private', { tags: ['alpha'] });
      await make(other, 'other public', { isPublic: true, tags: ['alpha'] });
      await make(admin, 'admin official', { isPublic: true, isOfficial: true });
    });

    it.each([
      [{}, ['admin official', 'other public', 'own public', 'own private']],
      [{ mine: true }, ['own public', 'own private']],
      [{ mine: false }, ['admin official', 'other public']],
      [{ public: true }, ['admin official', 'other public', 'own public']],
      [{ public: false }, ['own private']],
      [{ official: true }, ['admin official']],
      [{ official: false }, ['other public', 'own public', 'own private']],
      [{ tag: 'alpha' }, ['other public', 'own private']],
      [{ tag: 'beta' }, ['own public']],
      [{ tag: 'gamma' }, []],
    ])('filter %j lists %j (own and public only)', async (filter, names) => {
      expect(await list(owner, { wizardId: filterWizard.wizardId, ...filter })).toEqual(names);
    });

    it('filters by wizard', async () => {
      const names = await list(owner, { wizardId: ids.branch_templates.wizardId });
      expect(names).toEqual(['left']);
    });

    it("does not start from another user's private template (NOT_FOUND), but from a public one", async () => {
      const before = await rowCounts(db.dataSource);
      expect(
        failure(await startFrom(owner, { templateId: templateIds['other private'] })).code,
      ).toBe('NOT_FOUND');
      expect(await rowCounts(db.dataSource)).toEqual(before);
      const copy = ok(
        await startFrom(owner, { templateId: templateIds['other public'] }),
      ).startFromTemplate;
      expect([copy.stepsApplied, copy.session.currentStep.key]).toEqual([1, 'right_step']);
    });

    it.each([
      ['other public', 'FORBIDDEN'],
      ['other private', 'NOT_FOUND'],
    ])('refuses to update or delete %s to a non-owner with %s', async (name, code) => {
      const before = await rowCounts(db.dataSource);
      const update = await server.graphql(
        UPDATE_TEMPLATE,
        { input: { id: templateIds[name], name: 'taken over' } },
        owner.headers,
      );
      const remove = await server.graphql(
        DELETE_TEMPLATE,
        { input: { id: templateIds[name] } },
        owner.headers,
      );
      expect([failure(update).code, failure(remove).code]).toEqual([code, code]);
      expect(await rowCounts(db.dataSource)).toEqual(before);
      const [row] = await db.dataSource.query<{ template_name: string }[]>(
        'SELECT template_name FROM wizard_session_templates WHERE template_id = $1',
        [templateIds[name]],
      );
      expect(row.template_name).toBe(name);
    });

    it('lets the owner update (not to official) and delete their template', async () => {
      const id = templateIds['own public'];
      const updated = ok(
        await server.graphql(
          UPDATE_TEMPLATE,
          { input: { id, name: 'own renamed', isPublic: false, tags: ['gamma'] } },
          owner.headers,
        ),
      ).updateTemplate.template;
      expect([updated.name, updated.isPublic, updated.tags]).toEqual([
        'own renamed',
        false,
        ['gamma'],
      ]);
      expect(await list(other, { wizardId: filterWizard.wizardId })).toEqual([
        'admin official',
        'other public',
        'other private',
      ]);
      const official = await server.graphql(
        UPDATE_TEMPLATE,
        { input: { id, isOfficial: true } },
        owner.headers,
      );
      expect(failure(official).code).toBe('FORBIDDEN');
      const deleted = ok(await server.graphql(DELETE_TEMPLATE, { input: { id } }, owner.headers));
      expect(deleted.deleteTemplate.deletedId).toBe(id);
      expect(await list(owner, { wizardId: filterWizard.wizardId, mine: true })).toEqual([
        'own private',
      ]);
    });
  });
});
