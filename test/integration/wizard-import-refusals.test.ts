import { generateWizard } from '../fixtures/generated-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { codeOf, created, problemsOf, rowCounts, transferClient } from '../helpers/wizard-transfer';

/** 4 steps × 2 sets × 5 options; rules step_0→step_2, step_1→step_3, step_2→step_3. */
const base = () =>
  JSON.parse(JSON.stringify(generateWizard(1, { steps: 4, setsPerStep: 2, optionsPerSet: 5 })));
type Doc = ReturnType<typeof base>;

const manySteps = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `s_${i}`, name: `S${i}`, optionSets: [] }));

/** [case, how the document is broken, the problems' paths] */
const BROKEN: [string, (doc: Doc) => void, string[]][] = [
  [
    'a negative price',
    (d) => (d.steps[2].optionSets[0].options[3].price = '-1.00'),
    ['steps[2].optionSets[0].options[3].price'],
  ],
  [
    'a price with three decimals',
    (d) => (d.steps[2].optionSets[0].options[3].price = '1.005'),
    ['steps[2].optionSets[0].options[3].price'],
  ],
  [
    'a price beyond DECIMAL(10,2)',
    (d) => (d.steps[2].optionSets[0].options[3].price = '100000000.00'),
    ['steps[2].optionSets[0].options[3].price'],
  ],
  [
    'a number as price',
    (d) => (d.steps[2].optionSets[0].options[3].price = 5),
    ['steps[2].optionSets[0].options[3].price'],
  ],
  ['an unknown step in a flow rule', (d) => (d.flowRules[1].to = 'step_9'), ['flowRules[1].to']],
  [
    'a fromOption that is not on the from-step',
    (d) => (d.flowRules[0].fromOption.option = 'option_9'),
    ['flowRules[0].fromOption.option'],
  ],
  [
    'a dependency on a later step',
    (d) =>
      (d.steps[1].optionSets[1].dependencies[0].on = {
        step: 'step_3',
        set: 'set_0',
        option: 'option_0',
      }),
    ['steps[1].optionSets[1].dependencies[0].on.step'],
  ],
  [
    'a dependency on its own step',
    (d) => (d.steps[2].optionSets[0].options[4].dependencies[0].on.step = 'step_2'),
    ['steps[2].optionSets[0].options[4].dependencies[0].on.step'],
  ],
  [
    'a dependency on a missing option',
    (d) => (d.steps[3].optionSets[1].dependencies[0].on.option = 'nope'),
    ['steps[3].optionSets[1].dependencies[0].on.option'],
  ],
  [
    'a duplicate set key',
    (d) => (d.steps[0].optionSets[1].key = 'set_0'),
    ['steps[0].optionSets[1].key'],
  ],
  [
    'a duplicate step key',
    (d) => (d.steps[3].key = 'step_0'),
    ['steps[3].key', 'flowRules[1].to', 'flowRules[2].to'],
  ],
  [
    'an unknown field',
    (d) => (d.steps[1].optionSets[0].options[2].colour = 'red'),
    ['steps[1].optionSets[0].options[2].colour'],
  ],
  [
    'a wrong type',
    (d) => (d.steps[1].optionSets[0].isRequired = 'yes'),
    ['steps[1].optionSets[0].isRequired'],
  ],
  ['null instead of leaving a field out', (d) => (d.steps[0].title = null), ['steps[0].title']],
  ['a missing name', (d) => delete d.steps[2].name, ['steps[2].name']],
  [
    'an unknown selection type',
    (d) => (d.steps[0].optionSets[0].selectionType = 'DROPDOWN'),
    ['steps[0].optionSets[0].selectionType'],
  ],
  [
    'DISABLE_IF on a set',
    (d) => (d.steps[1].optionSets[1].dependencies[0].type = 'DISABLE_IF'),
    ['steps[1].optionSets[1].dependencies[0].type'],
  ],
  [
    'a label over 200 characters',
    (d) => (d.steps[0].optionSets[0].options[0].label = 'x'.repeat(201)),
    ['steps[0].optionSets[0].options[0].label'],
  ],
  [
    'a set key that is no identifier',
    (d) => (d.steps[0].optionSets[1].key = 'Set 1'),
    ['steps[0].optionSets[1].key'],
  ],
  [
    'minSelections above maxSelections',
    (d) => (d.steps[0].optionSets[1].minSelections = 4),
    ['steps[0].optionSets[1].minSelections'],
  ],
  ['maxSteps below the number of steps', (d) => (d.maxSteps = 3), ['maxSteps']],
  ['another format version', (d) => (d.formatVersion = 2), ['formatVersion']],
  ['over 200 steps', (d) => Object.assign(d, { steps: manySteps(201), flowRules: [] }), ['steps']],
  [
    'over 200 options in a set',
    (d) =>
      (d.steps[0].optionSets[0].options = Array.from({ length: 201 }, (_, i) => ({
        key: `option_${i}`,
        label: 'o',
      }))),
    ['steps[0].optionSets[0].options'],
  ],
];

describe('refused wizard imports and clones', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let client: ReturnType<typeof transferClient>;
  let sourceId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
    client = transferClient(server, admin.headers);
    sourceId = created(await client.import(base(), 'taken')).id;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it.each(BROKEN)(
    'refuses %s with the exact paths, writing nothing',
    async (_case, breakIt, paths) => {
      const document = base();
      breakIt(document);
      const before = await rowCounts(db.dataSource);
      const response = await client.import(document, 'broken');
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(problemsOf(response).map((problem) => problem.field)).toEqual(paths);
      expect(await rowCounts(db.dataSource)).toEqual(before);
    },
  );

  it('reports every problem at once, up to 50, and counts the rest', async () => {
    const document = base();
    document.steps[0].optionSets[0].colour = 'red';
    for (const step of document.steps)
      for (const set of step.optionSets) for (const option of set.options) option.price = 'free';
    const response = await client.import(document, 'broken');
    expect(problemsOf(response)).toHaveLength(41);
    expect(problemsOf(response).slice(0, 2)).toEqual([
      { field: 'steps[0].optionSets[0].colour', message: 'is not a known field' },
      {
        field: 'steps[0].optionSets[0].options[0].price',
        message: expect.stringMatching(/^must be/),
      },
    ]);
    document.steps.push(
      ...JSON.parse(JSON.stringify(document.steps)).map((step: Doc, i: number) => ({
        ...step,
        key: `more_${i}`,
      })),
    );
    const capped = await client.import(document, 'broken');
    expect(problemsOf(capped)).toHaveLength(50);
    expect(capped.body.errors![0].message).toMatch(/has 82 problem\(s\); the first 50 are listed/);
  });

  it('refuses a bad key argument and a document that is no wizard', async () => {
    const badKey = await client.import(base(), 'Not A Key');
    expect(codeOf(badKey)).toBe('BAD_USER_INPUT');
    expect(problemsOf(badKey).map((p) => p.field)).toEqual(['key']);
    const empty = await client.import({}, 'empty');
    expect(problemsOf(empty).map((p) => p.field)).toEqual(['name', 'steps']);
  });

  it('refuses a key another wizard has: CONFLICT naming the field, nothing written', async () => {
    const before = await rowCounts(db.dataSource);
    const again = await client.import(base(), 'taken');
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.body.errors![0].extensions!.field).toBe('key');
    const byDocument = await client.import({ ...base(), key: 'taken' });
    expect(byDocument.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'key' });
    const clone = await client.clone(sourceId, 'taken');
    expect(clone.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'newKey' });
    expect(await rowCounts(db.dataSource)).toEqual(before);
  });

  it('refuses to export or clone data that keys cannot express, with CONFLICT', async () => {
    const corrupt = created(await client.import(base(), 'corrupt'));
    // A rule leading to a step of another wizard: nothing in the schema prevents it.
    await db.dataSource.query(
      `UPDATE wizard_flow_rules SET to_step_id =
         (SELECT min(step_id) FROM wizard_steps WHERE wizard_id = $2)
       WHERE rule_id = (SELECT min(rule_id) FROM wizard_flow_rules WHERE wizard_id = $1)`,
      [corrupt.id, sourceId],
    );
    const exported = await client.export(corrupt.id);
    expect(codeOf(exported)).toBe('CONFLICT');
    expect(exported.body.errors![0].message).toMatch(
      /flowRules\[0\]\.to: step \d+ is not in this wizard/,
    );
    const before = await rowCounts(db.dataSource);
    expect(codeOf(await client.clone(corrupt.id, 'corrupt-copy'))).toBe('CONFLICT');
    expect(await rowCounts(db.dataSource)).toEqual(before);
  });

  it('refuses to clone a wizard that does not exist', async () => {
    expect(codeOf(await client.clone(999_999, 'from-nothing'))).toBe('NOT_FOUND');
    expect(codeOf(await client.clone('abc', 'from-nothing'))).toBe('BAD_USER_INPUT');
  });
});
