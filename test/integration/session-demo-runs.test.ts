import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import {
  ok,
  SessionDriver,
  storeWizards,
  type KeyedAnswer,
  type WizardIds,
} from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** One move of a run: answers (by set key) or a skip, and the step the flow must lead to. */
interface Move {
  step: string;
  answers?: Record<string, KeyedAnswer>;
  skip?: true;
  /** The next step's key, or COMPLETE when the flow has ended. */
  next: string;
}

interface DemoRun {
  wizard: string;
  name: string;
  /** Run without an account (the wizard must not require login). */
  guest?: boolean;
  moves: Move[];
  /** The path at completion: `key:STATUS`, in visit order. */
  path: string[];
  /** The sum of the chosen options' prices, worked out by hand. */
  total: string;
}

const PDF = { name: 'agenda.pdf', mimeType: 'application/pdf', bytes: 2048 };

const RUNS: DemoRun[] = [
  {
    wizard: 'laptop_configurator',
    name: 'a gaming build: GPU first, payment plan above 1,500, accessories skipped',
    moves: [
      { step: 'usage', answers: { primary_use: { options: ['gaming'] } }, next: 'graphics' },
      {
        step: 'graphics',
        answers: { gpu: { options: ['rtx_4070'] }, refresh_rate: { options: ['hz_240'] } },
        next: 'chassis',
      },
      {
        step: 'chassis',
        answers: {
          size: { options: ['size_17'] },
          display: { options: ['qhd'] },
          finish: { options: ['graphite'] },
        },
        next: 'processor',
      },
      {
        step: 'processor',
        answers: {
          cpu: { options: ['core_ultra_9'] },
          operating_system: { options: ['windows_home'] },
        },
        next: 'memory_storage',
      },
      {
        step: 'memory_storage',
        answers: { memory: { options: ['ram_32'] }, storage: { options: ['ssd_1tb'] } },
        next: 'extras',
      },
      { step: 'extras', skip: true, next: 'warranty_delivery' },
      {
        step: 'warranty_delivery',
        answers: { warranty: { options: ['extended_3y'] }, delivery: { options: ['standard'] } },
        next: 'financing',
      },
      { step: 'financing', answers: { plan: { options: ['months_24'] } }, next: 'review' },
      { step: 'review', answers: { terms: { options: ['accept'] } }, next: 'COMPLETE' },
    ],
    path: [
      'usage:ANSWERED',
      'graphics:ANSWERED',
      'chassis:ANSWERED',
      'processor:ANSWERED',
      'memory_storage:ANSWERED',
      'extras:SKIPPED',
      'warranty_delivery:ANSWERED',
      'financing:ANSWERED',
      'review:ANSWERED',
    ],
    // 749 + 129 + 1399 + 149 + 549 + 199 + 129 + 199 + 49
    total: '3551.00',
  },
  {
    wizard: 'laptop_configurator',
    name: 'an everyday build: no GPU step, engraving hides express delivery, under 1,500',
    moves: [
      { step: 'usage', answers: { primary_use: { options: ['everyday'] } }, next: 'chassis' },
      {
        step: 'chassis',
        answers: {
          size: { options: ['size_13'] },
          display: { options: ['fhd'] },
          finish: { options: ['midnight_blue'] },
        },
        next: 'processor',
      },
      {
        step: 'processor',
        answers: { cpu: { options: ['core_ultra_5'] }, operating_system: { options: ['ubuntu'] } },
        next: 'memory_storage',
      },
      {
        step: 'memory_storage',
        answers: { memory: { options: ['ram_16'] }, storage: { options: ['ssd_512'] } },
        next: 'extras',
      },
      {
        step: 'extras',
        answers: {
          accessories: { options: ['wireless_mouse', 'sleeve'] },
          personalisation: { options: ['engraving'], input: { engraving: 'Property of Ada' } },
        },
        next: 'warranty_delivery',
      },
      {
        step: 'warranty_delivery',
        answers: {
          warranty: { options: ['standard_1y'] },
          delivery: { options: ['store_pickup'] },
        },
        next: 'review',
      },
      {
        step: 'review',
        answers: { terms: { options: ['accept'] }, order_notes: { value: 'Gift wrap, please.' } },
        next: 'COMPLETE',
      },
    ],
    path: [
      'usage:ANSWERED',
      'chassis:ANSWERED',
      'processor:ANSWERED',
      'memory_storage:ANSWERED',
      'extras:ANSWERED',
      'warranty_delivery:ANSWERED',
      'review:ANSWERED',
    ],
    // 899 + 49 + 39 + 49 + 39
    total: '1075.00',
  },
  {
    wizard: 'laptop_configurator',
    name: 'a business build: Windows Pro and a VAT number required, no payment plan above 1,500',
    moves: [
      { step: 'usage', answers: { primary_use: { options: ['business'] } }, next: 'chassis' },
      {
        step: 'chassis',
        answers: {
          size: { options: ['size_14'] },
          display: { options: ['qhd'] },
          finish: { options: ['silver'] },
        },
        next: 'processor',
      },
      {
        step: 'processor',
        answers: {
          cpu: { options: ['core_ultra_7'] },
          operating_system: { options: ['windows_pro'] },
        },
        next: 'memory_storage',
      },
      {
        step: 'memory_storage',
        answers: { memory: { options: ['ram_64'] }, storage: { options: ['ssd_2tb'] } },
        next: 'extras',
      },
      { step: 'extras', skip: true, next: 'warranty_delivery' },
      {
        step: 'warranty_delivery',
        answers: {
          warranty: { options: ['accidental_3y'] },
          delivery: { options: ['standard'] },
          express_upgrade: { options: ['next_day'] },
          vat_number: { value: 'DE123456789' },
        },
        next: 'review',
      },
      { step: 'review', answers: { terms: { options: ['accept'] } }, next: 'COMPLETE' },
    ],
    path: [
      'usage:ANSWERED',
      'chassis:ANSWERED',
      'processor:ANSWERED',
      'memory_storage:ANSWERED',
      'extras:SKIPPED',
      'warranty_delivery:ANSWERED',
      'review:ANSWERED',
    ],
    // 999 + 149 + 249 + 99 + 499 + 329 + 299 + 29
    total: '2652.00',
  },
  {
    wizard: 'event_creation',
    name: 'a free in-person event: ticketing left out, promotion skipped',
    moves: [
      {
        step: 'basics',
        answers: {
          title: { value: 'Summer meetup' },
          event_date: { value: '2026-06-01' },
          event_type: { options: ['meetup'] },
          format: { options: ['in_person'] },
          admission: { options: ['free'] },
        },
        next: 'venue',
      },
      {
        step: 'venue',
        answers: {
          venue_address: { value: '1 Main Street, Springfield' },
          capacity: { options: ['up_to_250'] },
          accessibility: { options: ['step_free', 'captions'] },
        },
        next: 'schedule',
      },
      {
        step: 'schedule',
        answers: {
          time_slot: { options: ['evening'] },
          tracks: { options: ['single_track'] },
          session_features: { options: ['speaker_profiles'] },
        },
        next: 'promotion',
      },
      { step: 'promotion', skip: true, next: 'review' },
      {
        step: 'review',
        answers: {
          visibility: { options: ['public'] },
          publish_timing: { options: ['publish_now'] },
        },
        next: 'COMPLETE',
      },
    ],
    path: [
      'basics:ANSWERED',
      'venue:ANSWERED',
      'schedule:ANSWERED',
      'promotion:SKIPPED',
      'review:ANSWERED',
    ],
    // captions 39
    total: '39.00',
  },
  {
    wizard: 'event_creation',
    name: 'a paid hybrid event: ticketing, streaming, an agenda file and promotion',
    moves: [
      {
        step: 'basics',
        answers: {
          title: { value: 'Platform conference 2026' },
          event_date: { value: '2026-09-14' },
          event_type: { options: ['conference'] },
          format: { options: ['hybrid'] },
          admission: { options: ['paid'] },
        },
        next: 'venue',
      },
      {
        step: 'venue',
        answers: {
          venue_address: { value: 'Congress Centre, Hall B' },
          capacity: { options: ['up_to_1000'] },
          streaming: { options: ['builtin_stream'] },
        },
        next: 'ticketing',
      },
      {
        step: 'ticketing',
        answers: {
          ticket_plan: { options: ['flat_fee'] },
          ticket_types: { options: ['general', 'vip'] },
          general_price: { value: '25.00' },
          refund_policy: { options: ['no_refunds'] },
        },
        next: 'schedule',
      },
      {
        step: 'schedule',
        answers: {
          time_slot: { options: ['all_day'] },
          tracks: { options: ['multi_track'] },
          session_features: { options: ['recording', 'live_qa'] },
          agenda_file: { file: PDF },
        },
        next: 'promotion',
      },
      {
        step: 'promotion',
        answers: {
          channels: { options: ['email_campaign', 'social_ads'] },
          discount_code: { options: ['custom_code'], input: { custom_code: 'EARLY10' } },
        },
        next: 'review',
      },
      {
        step: 'review',
        answers: {
          visibility: { options: ['unlisted'] },
          publish_timing: {
            options: ['publish_later'],
            input: { publish_later: '2026-03-01 09:00' },
          },
        },
        next: 'COMPLETE',
      },
    ],
    path: [
      'basics:ANSWERED',
      'venue:ANSWERED',
      'ticketing:ANSWERED',
      'schedule:ANSWERED',
      'promotion:ANSWERED',
      'review:ANSWERED',
    ],
    // 29 + 49 + 49 + 19 + 49 + 29 + 19 + 29 + 99
    total: '371.00',
  },
  {
    wizard: 'wedding_planning',
    name: 'a large wedding with reception catering',
    moves: [
      {
        step: 'couple',
        answers: {
          partner_names: { value: 'Ada & Grace' },
          wedding_date: { value: '2027-05-15' },
          guest_count: { options: ['large'] },
        },
        next: 'ceremony_venue',
      },
      {
        step: 'ceremony_venue',
        answers: {
          ceremony_type: { options: ['religious'] },
          venue_style: { options: ['country_house'] },
        },
        next: 'catering',
      },
      {
        step: 'catering',
        answers: {
          menu_style: { options: ['three_course'] },
          dietary: { options: ['vegan', 'halal'] },
          bar: { options: ['open_bar'] },
        },
        next: 'extras',
      },
      {
        step: 'extras',
        answers: {
          photography: { options: ['full_day'] },
          music: { options: ['live_band'] },
          add_ons: { options: ['cake', 'fireworks'] },
        },
        next: 'consultation',
      },
      {
        step: 'consultation',
        answers: {
          meeting: { options: ['in_person'] },
          notes: { value: 'Two of the guests use wheelchairs.' },
        },
        next: 'COMPLETE',
      },
    ],
    path: [
      'couple:ANSWERED',
      'ceremony_venue:ANSWERED',
      'catering:ANSWERED',
      'extras:ANSWERED',
      'consultation:ANSWERED',
    ],
    // 350 + 4500 + 3200 + 150 + 2400 + 2200 + 2800 + 450 + 800
    total: '16850.00',
  },
  {
    wizard: 'wedding_planning',
    name: 'an elopement: catering left out, no music',
    moves: [
      {
        step: 'couple',
        answers: {
          partner_names: { value: 'Sam & Alex' },
          wedding_date: { value: '2026-10-03' },
          guest_count: { options: ['intimate'] },
        },
        next: 'ceremony_venue',
      },
      {
        step: 'ceremony_venue',
        answers: { ceremony_type: { options: ['elopement'] }, venue_style: { options: ['beach'] } },
        next: 'extras',
      },
      {
        step: 'extras',
        answers: { photography: { options: ['ceremony_only'] }, add_ons: { options: ['florals'] } },
        next: 'consultation',
      },
      { step: 'consultation', answers: { meeting: { options: ['video_call'] } }, next: 'COMPLETE' },
    ],
    path: [
      'couple:ANSWERED',
      'ceremony_venue:ANSWERED',
      'extras:ANSWERED',
      'consultation:ANSWERED',
    ],
    // 1200 + 3200 + 900 + 1500
    total: '6800.00',
  },
  {
    wizard: 'tarot_reading',
    name: 'a video reading with an appointment and an astrology overlay',
    moves: [
      {
        step: 'reading',
        answers: { spread: { options: ['celtic_cross'] }, focus: { options: ['career'] } },
        next: 'session_format',
      },
      {
        step: 'session_format',
        answers: { format: { options: ['video_call'] }, reader: { options: ['master_reader'] } },
        next: 'appointment',
      },
      {
        step: 'appointment',
        answers: { date: { value: '2026-02-14' }, time_slot: { options: ['late_night'] } },
        next: 'question',
      },
      {
        step: 'question',
        answers: {
          question_text: { value: 'What should I focus on this month?' },
          add_ons: { options: ['astrology_overlay', 'recording'] },
        },
        next: 'contact',
      },
      {
        step: 'contact',
        answers: {
          email: { value: 'seeker@example.org' },
          birth_date: { value: '1990-04-01' },
          consent: { options: ['accept'] },
        },
        next: 'COMPLETE',
      },
    ],
    path: [
      'reading:ANSWERED',
      'session_format:ANSWERED',
      'appointment:ANSWERED',
      'question:ANSWERED',
      'contact:ANSWERED',
    ],
    // 39 + 15 + 25 + 5 + 12 + 5
    total: '101.00',
  },
  {
    wizard: 'tarot_reading',
    name: 'a written report by a guest: no appointment, no birth date',
    guest: true,
    moves: [
      {
        step: 'reading',
        answers: { spread: { options: ['three_card'] }, focus: { options: ['love'] } },
        next: 'session_format',
      },
      {
        step: 'session_format',
        answers: { format: { options: ['written_report'] }, reader: { options: ['any_reader'] } },
        next: 'question',
      },
      {
        step: 'question',
        answers: {
          question_text: { value: 'Where is this relationship heading?' },
          add_ons: { options: ['follow_up'] },
        },
        next: 'contact',
      },
      {
        step: 'contact',
        answers: { email: { value: 'guest@example.org' }, consent: { options: ['accept'] } },
        next: 'COMPLETE',
      },
    ],
    path: ['reading:ANSWERED', 'session_format:ANSWERED', 'question:ANSWERED', 'contact:ANSWERED'],
    // 19 + 5 + 7
    total: '31.00',
  },
];

/** The prices of the options a run chooses, read from the demo definitions, in cents. */
function chosenPriceCents(definition: WizardDefinition, moves: Move[]): number {
  let cents = 0;
  for (const move of moves) {
    const step = definition.steps.find((candidate) => candidate.key === move.step)!;
    for (const [setKey, answer] of Object.entries(move.answers ?? {})) {
      const set = step.optionSets.find((candidate) => candidate.key === setKey)!;
      for (const optionKey of answer.options ?? []) {
        const option = set.options.find((candidate) => candidate.key === optionKey)!;
        cents += Math.round(Number(option.price ?? '0') * 100);
      }
    }
  }
  return cents;
}

describe('the demo wizards run end to end through the API', () => {
  let db: TestDatabase;
  let server: TestServer;
  let user: TestAccount;
  const ids: Record<string, WizardIds> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    const stored = await storeWizards(db.dataSource, DEMO_WIZARDS);
    DEMO_WIZARDS.forEach((definition, i) => (ids[definition.key] = stored[i]));
    user = await registerAccount(server, db.dataSource, 'runner@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('covers every demo wizard along at least two paths', () => {
    const byWizard = DEMO_WIZARDS.map(
      (definition) => RUNS.filter((run) => run.wizard === definition.key).length,
    );
    expect(byWizard.every((count) => count >= 2)).toBe(true);
  });

  it.each(RUNS.map((run) => [`${run.wizard}: ${run.name}`, run] as const))(
    '%s',
    async (_title, run) => {
      const definition = DEMO_WIZARDS.find((candidate) => candidate.key === run.wizard)!;
      expect(chosenPriceCents(definition, run.moves)).toBe(Math.round(Number(run.total) * 100));

      const driver = new SessionDriver(server, ids[run.wizard], run.guest ? {} : user.headers);
      const started = await driver.start();
      expect(started.currentStep.key).toBe(run.moves[0].step);
      if (run.guest) driver.headers['x-session-token'] = driver.token;

      const seen: { step: string; next: string; version: number }[] = [];
      for (const move of run.moves) {
        const response = move.skip
          ? await driver.skip('not needed')
          : await driver.submit(move.step, move.answers ?? {});
        const payload = Object.values(ok(response))[0];
        seen.push({
          step: move.step,
          next: payload.next.complete ? 'COMPLETE' : payload.next.step.key,
          version: payload.session.version,
        });
      }
      expect(seen).toEqual(
        run.moves.map((move, i) => ({ step: move.step, next: move.next, version: i + 2 })),
      );

      const completed = ok(await driver.complete()).completeSession.session;
      expect({
        status: completed.status,
        isCompleted: completed.isCompleted,
        totalPrice: completed.totalPrice,
        priceTotal: completed.price.total,
        completion: completed.completion,
        path: completed.path.map(
          (step: { key: string; status: string }) => `${step.key}:${step.status}`,
        ),
        version: completed.version,
      }).toEqual({
        status: 'COMPLETED',
        isCompleted: true,
        totalPrice: run.total,
        priceTotal: run.total,
        completion: { ok: true, missing: [] },
        path: run.path,
        version: run.moves.length + 2,
      });

      const activity = await driver.activity();
      expect(activity.map((row) => row.type)).toEqual([
        'SESSION_STARTED',
        ...run.moves.map((move) => (move.skip ? 'STEP_SKIPPED' : 'STEP_COMPLETED')),
        'SESSION_COMPLETED',
      ]);
      expect(activity.slice(1, -1).map((row) => row.details.stepKey)).toEqual(
        run.moves.map((move) => move.step),
      );
      expect(activity.at(-1)!.details.totalPrice).toBe(run.total);
    },
  );

  it('counts every run in its wizard: two or more starts, as many completions', async () => {
    const rows = await db.dataSource.query<
      { wizard_key: string; total_starts: number; total_completions: number }[]
    >('SELECT wizard_key, total_starts, total_completions FROM wizards ORDER BY wizard_id');
    expect(rows).toEqual(
      DEMO_WIZARDS.map((definition) => {
        const runs = RUNS.filter((run) => run.wizard === definition.key).length;
        return { wizard_key: definition.key, total_starts: runs, total_completions: runs };
      }),
    );
  });
});
