import { WizardOption } from '../../src/entities';
import { createLoaders } from '../../src/loaders';
import { createWizardLoaders, type WizardLoaders } from '../../src/loaders/wizard.loaders';
import { insertGeneratedWizards } from '../helpers/fixtures';
import { QueryRecorder } from '../helpers/query-recorder';
import { openRequestDatabase } from '../helpers/request-database';
import type { RequestDatabase } from '../../src/database/request-database';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const SHAPE = { steps: 3, setsPerStep: 2, optionsPerSet: 3 };

describe('wizard loaders', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let wizardIds: number[];
  let stepIds: number[];
  let setIds: number[];
  let optionIds: number[];
  let loaders: WizardLoaders;

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    wizardIds = await insertGeneratedWizards(db.dataSource, 3, SHAPE);
    const ids = async (sql: string) =>
      (await db.dataSource.query<{ id: number }[]>(sql)).map((row) => row.id);
    stepIds = await ids('SELECT step_id AS id FROM wizard_steps ORDER BY step_id');
    setIds = await ids('SELECT set_id AS id FROM wizard_option_sets ORDER BY set_id');
    optionIds = await ids('SELECT option_id AS id FROM wizard_options ORDER BY option_id');
    // One inactive step, set and option, to tell the active and all variants apart.
    await db.dataSource.query('UPDATE wizard_steps SET is_active = false WHERE step_id = $1', [
      stepIds[1],
    ]);
    await db.dataSource.query('UPDATE wizard_option_sets SET is_active = false WHERE set_id = $1', [
      setIds[1],
    ]);
    await db.dataSource.query('UPDATE wizard_options SET is_active = false WHERE option_id = $1', [
      optionIds[1],
    ]);
  });
  let requestDb: RequestDatabase;
  beforeEach(async () => {
    requestDb = await openRequestDatabase(db.dataSource);
    loaders = createWizardLoaders(db.dataSource, requestDb, { cache: true });
  });
  afterEach(async () => {
    await requestDb.finish();
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Loads every key at once and returns the results and the statements issued. */
  async function batch<T>(load: (key: number) => Promise<T>, keys: number[]) {
    let results: T[] = [];
    const statements = await recorder.during(async () => {
      results = await Promise.all(keys.map(load));
    });
    return { results, statements };
  }

  const missing = 999_999;

  it('wizardById batches and returns null for a missing id', async () => {
    const { results, statements } = await batch(
      (k) => loaders.wizardById.load(k),
      [...wizardIds, missing],
    );
    expect(statements).toHaveLength(1);
    expect(results.map((w) => w?.id ?? null)).toEqual([...wizardIds, null]);
  });

  it('overviewByWizard batches and counts active steps from the view', async () => {
    const { results, statements } = await batch((k) => loaders.overviewByWizard.load(k), wizardIds);
    expect(statements).toHaveLength(1);
    expect(results.map((o) => o?.totalSteps)).toEqual([2, 3, 3]);
    expect(results.map((o) => o?.totalTemplates)).toEqual([0, 0, 0]);
  });

  it('stepsByWizard batches, orders by step order and leaves out inactive steps', async () => {
    const active = await batch(
      (k) => loaders.stepsByWizard.active.load(k),
      [...wizardIds, missing],
    );
    expect(active.statements).toHaveLength(1);
    expect(active.results.map((steps) => steps.map((s) => s.order))).toEqual([
      [1, 3],
      [1, 2, 3],
      [1, 2, 3],
      [],
    ]);
    const all = await batch((k) => loaders.stepsByWizard.all.load(k), wizardIds);
    expect(all.statements).toHaveLength(1);
    expect(all.results[0].map((s) => s.id)).toEqual(stepIds.slice(0, 3));
  });

  it('optionSetsByStep batches and leaves out inactive sets unless asked', async () => {
    const active = await batch((k) => loaders.optionSetsByStep.active.load(k), stepIds.slice(0, 2));
    expect(active.statements).toHaveLength(1);
    expect(active.results.map((sets) => sets.length)).toEqual([1, 2]);
    const all = await batch((k) => loaders.optionSetsByStep.all.load(k), stepIds.slice(0, 2));
    expect(all.results[0].map((s) => s.order)).toEqual([1, 2]);
  });

  it('optionsBySet batches and orders by option order', async () => {
    const active = await batch((k) => loaders.optionsBySet.active.load(k), setIds.slice(0, 3));
    expect(active.statements).toHaveLength(1);
    expect(active.results.map((options) => options.map((o) => o.order))).toEqual([
      [1, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    const all = await batch((k) => loaders.optionsBySet.all.load(k), setIds.slice(0, 1));
    expect(all.results[0].map((o) => o.id)).toEqual(optionIds.slice(0, 3));
  });

  it('flowRulesByWizard batches', async () => {
    const { results, statements } = await batch(
      (k) => loaders.flowRulesByWizard.active.load(k),
      wizardIds,
    );
    expect(statements).toHaveLength(1);
    expect(results.map((rules) => rules.length)).toEqual([2, 2, 2]);
    expect(results[1].every((rule) => rule.wizardId === wizardIds[1])).toBe(true);
  });

  it('optionDependenciesByOption batches', async () => {
    const { results, statements } = await batch(
      (k) => loaders.optionDependenciesByOption.load(k),
      optionIds.slice(6, 12),
    );
    expect(statements).toHaveLength(1);
    // On step 2 onwards, the last option of each set hides when option_1 of the step before was chosen.
    expect(results.map((deps) => deps.length)).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('setDependenciesBySet batches', async () => {
    const { results, statements } = await batch(
      (k) => loaders.setDependenciesBySet.load(k),
      setIds.slice(0, 4),
    );
    expect(statements).toHaveLength(1);
    expect(results.map((deps) => deps.length)).toEqual([0, 0, 0, 1]);
  });

  it('does not cache when created for a WebSocket context', async () => {
    const uncached = createWizardLoaders(db.dataSource, requestDb, { cache: false });
    const first = await batch((k) => uncached.wizardById.load(k), [wizardIds[0]]);
    const second = await batch((k) => uncached.wizardById.load(k), [wizardIds[0]]);
    expect(first.statements).toHaveLength(1);
    expect(second.statements).toHaveLength(1);
  });
});

describe('projected child loaders', () => {
  const recorder = new QueryRecorder();
  let db: TestDatabase;
  let setIds: number[];

  beforeAll(async () => {
    db = await createTestDatabase({ logger: recorder });
    await insertGeneratedWizards(db.dataSource, 2, SHAPE);
    setIds = (
      await db.dataSource.query<{ id: number }[]>(
        'SELECT set_id AS id FROM wizard_option_sets ORDER BY set_id',
      )
    ).map((row) => row.id);
    await db.dataSource.query('UPDATE wizard_options SET is_active = false WHERE option_key = $1', [
      'option_1',
    ]);
  });
  let requestDb: RequestDatabase;
  beforeEach(async () => {
    requestDb = await openRequestDatabase(db.dataSource);
  });
  afterEach(async () => {
    await requestDb.finish();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const query = { entity: WizardOption, parentColumn: 'set_id', orderProperties: ['order', 'id'] };

  it('loads every parent in one statement with only the selected columns', async () => {
    const loaders = createLoaders(db.dataSource, requestDb, { cache: true });
    const loader = loaders.projected.loader(query, ['label', 'price', 'options'], true);
    let lists: { id: number }[][] = [];
    const statements = await recorder.during(async () => {
      // Calls made in the same tick share one statement.
      lists = (await Promise.all(setIds.map((id) => loader.loadMany([id])))).flat();
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('option_label');
    expect(statements[0]).not.toContain('option_description');
    expect(lists).toHaveLength(setIds.length);
    expect(lists[0].map((o) => Object.keys(o).sort())).toEqual([
      ['id', 'label', 'order', 'price', 'setId'],
      ['id', 'label', 'order', 'price', 'setId'],
    ]);
    expect(lists.every((options) => options.length === 2)).toBe(true);
  });

  it('gives the same projection the same loader and another projection its own', () => {
    const loaders = createLoaders(db.dataSource, requestDb, { cache: true });
    const a = loaders.projected.loader(query, ['label'], true);
    expect(loaders.projected.loader(query, ['label', 'unknownField'], true)).toBe(a);
    expect(loaders.projected.loader(query, ['label', 'price'], true)).not.toBe(a);
    expect(loaders.projected.loader(query, ['label'], false)).not.toBe(a);
  });

  it('includes inactive rows when asked', async () => {
    const loaders = createLoaders(db.dataSource, requestDb, { cache: true });
    const [all] = await loaders.projected.loader(query, ['key'], false).loadMany([setIds[0]]);
    expect(all.map((o: any) => o.key)).toEqual(['option_0', 'option_1', 'option_2']);
  });
});
