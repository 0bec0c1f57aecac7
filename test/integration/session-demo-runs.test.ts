import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { ok, SessionDriver, storeWizards, type WizardIds } from '../helpers/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { wizardCounts } from '../helpers/wizard-counts';
import { DEMO_RUNS, type DemoMove } from '../fixtures/demo-session-runs';

/** The prices of the options a run chooses, read from the demo definitions, in cents. */
function chosenPriceCents(definition: WizardDefinition, moves: DemoMove[]): number {
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
      (definition) => DEMO_RUNS.filter((run) => run.wizard === definition.key).length,
    );
    expect(byWizard.every((count) => count >= 2)).toBe(true);
  });

  it.each(DEMO_RUNS.map((run) => [`${run.wizard}: ${run.name}`, run] as const))(
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
    const rows = await wizardCounts(db.dataSource);
    expect(rows).toEqual(
      DEMO_WIZARDS.map((definition) => {
        const runs = DEMO_RUNS.filter((run) => run.wizard === definition.key).length;
        return { wizard_key: definition.key, total_starts: runs, total_completions: runs };
      }),
    );
  });
});
