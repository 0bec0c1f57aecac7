import { apiKeyHeaders, registerAccount, type TestAccount } from '../helpers/accounts';
import { authoringHelpers, codeOf, DOCS, fieldsOf } from '../helpers/authoring';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('authoring option sets and options', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: TestAccount;
  let user: TestAccount;
  let h: ReturnType<typeof authoringHelpers>;
  let sessions = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    admin = await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN');
    user = await registerAccount(server, db.dataSource, 'user@example.com');
    h = authoringHelpers(server, db, admin);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  /** A session of `user` that answered the set (with the option, when given). */
  async function answer(wizardId: string, stepId: string, setId: string, optionId?: string) {
    sessions += 1;
    const [{ session_id: sessionId }] = await db.dataSource.query<{ session_id: number }[]>(
      `INSERT INTO wizard_user_sessions (wizard_id, user_id, session_name, session_token)
       VALUES ($1, $2, 's', $3) RETURNING session_id`,
      [wizardId, user.id, `answer-token-${sessions}`],
    );
    await db.dataSource.query(
      `INSERT INTO wizard_user_selections (session_id, step_id, set_id, option_id, selected_value)
       VALUES ($1, $2, $3, $4, $5)`,
      [sessionId, stepId, setId, optionId ?? null, optionId ? null : 'typed'],
    );
  }

  /** Two steps: `source` (set `a` with options a1, a2) and `target` (set `b` with option b1). */
  async function twoSteps() {
    const { wizardId, stepId } = await h.newStep();
    const second = await server.graphql(
      DOCS.createStep,
      { input: { wizardId, key: 'target', name: 'Target' } },
      admin.headers,
    );
    const targetStepId = second.body.data!.createStep.step.id as string;
    const a = await h.newSet(stepId, 'a');
    const a1 = await h.newOption(a.id, 'a1');
    const a2 = await h.newOption(a.id, 'a2');
    const b = await h.newSet(targetStepId, 'b', { selectionType: 'MULTIPLE' });
    const b1 = await h.newOption(b.id, 'b1');
    return { wizardId, stepId, targetStepId, a, a1, a2, b, b1 };
  }

  const optionDependency = (optionId: string, stepId: string, onOptionId: string) =>
    db.dataSource.query<{ dependency_id: number }[]>(
      `INSERT INTO wizard_option_dependencies (option_id, depends_on_step_id, depends_on_option_id)
       VALUES ($1, $2, $3) RETURNING dependency_id`,
      [optionId, stepId, onOptionId],
    );
  const setDependency = (setId: string, stepId: string, onOptionId: string) =>
    db.dataSource.query<{ dependency_id: number }[]>(
      `INSERT INTO wizard_set_dependencies (set_id, depends_on_step_id, depends_on_option_id)
       VALUES ($1, $2, $3) RETURNING dependency_id`,
      [setId, stepId, onOptionId],
    );

  describe('createOptionSet', () => {
    it('appends sets, inserts at a position, and records each creation', async () => {
      const { wizardId, stepId } = await h.newStep();
      await h.newSet(stepId, 'first');
      await h.newSet(stepId, 'third');
      const middle = await h.newSet(stepId, 'second', {
        position: 2,
        selectionType: 'TEXT_INPUT',
        isRequired: false,
        validationRules: { minLength: 2, maxLength: 80, pattern: '^[A-Za-z ]+$' },
      });
      expect(middle).toMatchObject({
        stepId,
        order: 2,
        selectionType: 'TEXT_INPUT',
        isRequired: false,
        minSelections: 0,
        maxSelections: null,
        isActive: true,
        validationRules: { minLength: 2, maxLength: 80, pattern: '^[A-Za-z ]+$' },
      });
      expect(await h.setKeys(stepId)).toEqual(['first', 'second', 'third']);
      expect(await h.auditOf('OPTION_SET', middle.id)).toEqual([
        expect.objectContaining({
          action: 'CREATE',
          wizard_id: Number(wizardId),
          old_values: null,
          new_values: expect.objectContaining({ key: 'second', order: 2 }),
        }),
      ]);
    });

    it.each([
      ['a hyphenated key', { key: 'set-one' }, 'key'],
      ['a key over 100 characters', { key: 's'.repeat(101) }, 'key'],
      ['an empty name', { name: '' }, 'name'],
      ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name'],
      ['a title over 200 characters', { title: 't'.repeat(201) }, 'title'],
      ['a negative minSelections', { minSelections: -1 }, 'minSelections'],
      ['maxSelections of 0', { maxSelections: 0 }, 'maxSelections'],
      [
        'minSelections above maxSelections',
        { minSelections: 3, maxSelections: 2 },
        'minSelections',
      ],
      ['position 0', { position: 0 }, 'position'],
      ['a position past the end', { position: 2 }, 'position'],
      ['rules on a SINGLE set', { validationRules: { maxLength: 5 } }, 'validationRules.maxLength'],
      [
        'selection counts as MULTIPLE rules',
        { selectionType: 'MULTIPLE', validationRules: { maxSelections: 2 } },
        'validationRules.maxSelections',
      ],
      [
        'an unknown TEXT_INPUT rule',
        { selectionType: 'TEXT_INPUT', validationRules: { format: 'email' } },
        'validationRules.format',
      ],
      [
        'a catastrophic pattern',
        { selectionType: 'TEXT_INPUT', validationRules: { pattern: '^(a+)+$' } },
        'validationRules.pattern',
      ],
      [
        'maxLength below minLength',
        { selectionType: 'TEXT_INPUT', validationRules: { minLength: 9, maxLength: 3 } },
        'validationRules.maxLength',
      ],
      [
        'a date max before min',
        { selectionType: 'DATE_PICKER', validationRules: { min: '2026-02-01', max: '2026-01-31' } },
        'validationRules.max',
      ],
      [
        'an impossible date',
        { selectionType: 'DATE_PICKER', validationRules: { min: '2026-02-30' } },
        'validationRules.min',
      ],
      [
        'a bad media type',
        { selectionType: 'FILE_UPLOAD', validationRules: { mimeTypes: ['pdf'] } },
        'validationRules.mimeTypes',
      ],
      [
        'maxBytes over 100 MB',
        { selectionType: 'FILE_UPLOAD', validationRules: { maxBytes: 104_857_601 } },
        'validationRules.maxBytes',
      ],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, change, field) => {
      const { stepId } = await h.newStep();
      const before = await h.auditCount();
      const response = await h.as(DOCS.createOptionSet, {
        stepId,
        key: 'ok',
        name: 'ok',
        ...change,
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain(field);
      expect(await h.setKeys(stepId)).toEqual([]);
      expect(await h.auditCount()).toBe(before);
    });

    it('refuses a duplicate key with CONFLICT naming the field, writing nothing', async () => {
      const { stepId } = await h.newStep();
      await h.newSet(stepId, 'taken');
      const before = await h.auditCount();
      const response = await h.as(DOCS.createOptionSet, { stepId, key: 'taken', name: 'again' });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].extensions!.field).toBe('key');
      expect(await h.setKeys(stepId)).toEqual(['taken']);
      expect(await h.auditCount()).toBe(before);
    });

    it('refuses an unknown step with NOT_FOUND', async () => {
      const response = await h.as(DOCS.createOptionSet, { stepId: '999999', key: 'x', name: 'x' });
      expect(codeOf(response)).toBe('NOT_FOUND');
    });
  });

  describe('updateOptionSet', () => {
    it('changes only the given fields and records the difference', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'extras', { selectionType: 'MULTIPLE', maxSelections: 3 });
      const response = await h.as(DOCS.updateOptionSet, {
        id: set.id,
        title: 'Pick extras',
        minSelections: 1,
        maxSelections: 3,
      });
      expect(response.body.data!.updateOptionSet.optionSet).toMatchObject({
        key: 'extras',
        title: 'Pick extras',
        minSelections: 1,
        maxSelections: 3,
      });
      const entries = await h.auditOf('OPTION_SET', set.id);
      expect(entries.map((entry) => entry.action)).toEqual(['CREATE', 'UPDATE']);
      expect(entries[1]).toMatchObject({
        old_values: { title: null, minSelections: 0 },
        new_values: { title: 'Pick extras', minSelections: 1 },
      });
    });

    it.each([
      ['maxSelections below the stored minSelections', { maxSelections: 1 }, 'maxSelections'],
      ['minSelections above the stored maxSelections', { minSelections: 5 }, 'minSelections'],
      [
        'both, minSelections above maxSelections',
        { minSelections: 4, maxSelections: 3 },
        'minSelections',
      ],
      ['a null name', { name: null }, 'name'],
      ['a null minSelections', { minSelections: null }, 'minSelections'],
      ['a null selectionType', { selectionType: null }, 'selectionType'],
      ['a null isRequired', { isRequired: null }, 'isRequired'],
    ])('refuses %s, leaving the row as it was', async (_case, change, field) => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'bounded', {
        selectionType: 'MULTIPLE',
        minSelections: 2,
        maxSelections: 4,
      });
      const before = await h.auditCount();
      const response = await h.as(DOCS.updateOptionSet, { id: set.id, ...change });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain(field);
      const [row] = await db.dataSource.query(
        'SELECT set_name, min_selections, max_selections FROM wizard_option_sets WHERE set_id = $1',
        [set.id],
      );
      expect(row).toEqual({ set_name: 'bounded', min_selections: 2, max_selections: 4 });
      expect(await h.auditCount()).toBe(before);
    });

    it('checks the stored rules against a new type, and accepts them replaced together', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'answer', {
        selectionType: 'TEXT_INPUT',
        validationRules: { maxLength: 10 },
      });
      const typeOnly = await h.as(DOCS.updateOptionSet, {
        id: set.id,
        selectionType: 'DATE_PICKER',
      });
      expect(codeOf(typeOnly)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(typeOnly)).toEqual(['validationRules.maxLength']);
      const together = await h.as(DOCS.updateOptionSet, {
        id: set.id,
        selectionType: 'DATE_PICKER',
        validationRules: { min: '2026-01-01' },
      });
      expect(together.body.data!.updateOptionSet.optionSet).toMatchObject({
        selectionType: 'DATE_PICKER',
        validationRules: { min: '2026-01-01' },
      });
      const badRules = await h.as(DOCS.updateOptionSet, {
        id: set.id,
        validationRules: { min: '01/01/2026' },
      });
      expect(fieldsOf(badRules)).toEqual(['validationRules.min']);
    });

    it('refuses a type without options while the set has options', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      await h.newOption(set.id, 'yes');
      const before = await h.auditCount();
      const response = await h.as(DOCS.updateOptionSet, {
        id: set.id,
        selectionType: 'TEXT_INPUT',
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(['selectionType']);
      const [row] = await db.dataSource.query(
        'SELECT selection_type FROM wizard_option_sets WHERE set_id = $1',
        [set.id],
      );
      expect(row.selection_type).toBe('SINGLE');
      expect(await h.auditCount()).toBe(before);
      const toMultiple = await h.as(DOCS.updateOptionSet, {
        id: set.id,
        selectionType: 'MULTIPLE',
      });
      expect(toMultiple.body.errors).toBeUndefined();
    });

    it('refuses an unknown id with NOT_FOUND and a taken key with CONFLICT', async () => {
      const { stepId } = await h.newStep();
      await h.newSet(stepId, 'taken');
      const other = await h.newSet(stepId, 'other');
      expect(codeOf(await h.as(DOCS.updateOptionSet, { id: '999999', name: 'x' }))).toBe(
        'NOT_FOUND',
      );
      const duplicate = await h.as(DOCS.updateOptionSet, { id: other.id, key: 'taken' });
      expect(codeOf(duplicate)).toBe('CONFLICT');
      expect(duplicate.body.errors![0].extensions!.field).toBe('key');
      expect(await h.setKeys(stepId)).toEqual(['taken', 'other']);
    });
  });

  describe('deleteOptionSet', () => {
    it('deletes the set with its options and their dependencies, closing the gap', async () => {
      const fx = await twoSteps();
      const extra = await h.newSet(fx.targetStepId, 'after');
      const [{ dependency_id: optionDep }] = await optionDependency(fx.b1.id, fx.stepId, fx.a1.id);
      const [{ dependency_id: setDep }] = await setDependency(fx.b.id, fx.stepId, fx.a2.id);
      const response = await h.as(DOCS.deleteOptionSet, { id: fx.b.id });
      expect(response.body.data!.deleteOptionSet.deletedId).toBe(fx.b.id);
      expect(
        await h.count('SELECT count(*) FROM wizard_options WHERE set_id = $1', [fx.b.id]),
      ).toBe(0);
      expect(
        await h.count(
          `SELECT (SELECT count(*) FROM wizard_option_dependencies WHERE dependency_id = $1)
                + (SELECT count(*) FROM wizard_set_dependencies WHERE dependency_id = $2)`,
          [optionDep, setDep],
        ),
      ).toBe(0);
      const [after] = await db.dataSource.query(
        'SELECT set_order FROM wizard_option_sets WHERE set_id = $1',
        [extra.id],
      );
      expect(after.set_order).toBe(1);
      expect((await h.auditOf('OPTION_SET', fx.b.id)).map((e) => e.action)).toEqual([
        'CREATE',
        'DELETE',
      ]);
      expect((await h.auditOf('OPTION', fx.b1.id)).map((e) => e.action)).toEqual([
        'CREATE',
        'DELETE',
      ]);
      expect(await h.auditOf('OPTION_DEPENDENCY', optionDep)).toEqual([
        expect.objectContaining({ action: 'DELETE', old_values: expect.any(Object) }),
      ]);
      expect(await h.auditOf('SET_DEPENDENCY', setDep)).toEqual([
        expect.objectContaining({ action: 'DELETE' }),
      ]);
    });

    it('refuses a set whose option a dependency elsewhere points at, writing nothing', async () => {
      const fx = await twoSteps();
      await optionDependency(fx.b1.id, fx.stepId, fx.a1.id);
      const before = await h.auditCount();
      const response = await h.as(DOCS.deleteOptionSet, { id: fx.a.id });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].message).toMatch(/option dependency/);
      expect(await h.optionKeys(fx.a.id)).toEqual(['a1', 'a2']);
      expect(await h.auditCount()).toBe(before);
    });

    it.each([
      ['an option of it', true],
      ['a value for it', false],
    ])(
      'refuses a set sessions answered (%s), suggesting deactivation',
      async (_case, withOption) => {
        const fx = await twoSteps();
        await answer(fx.wizardId, fx.stepId, fx.a.id, withOption ? fx.a2.id : undefined);
        const before = await h.auditCount();
        const response = await h.as(DOCS.deleteOptionSet, { id: fx.a.id });
        expect(codeOf(response)).toBe('CONFLICT');
        expect(response.body.errors![0].message).toMatch(/deactivate/);
        expect(await h.setKeys(fx.stepId)).toEqual(['a']);
        expect(await h.optionKeys(fx.a.id)).toEqual(['a1', 'a2']);
        expect(await h.auditCount()).toBe(before);
        const deactivated = await h.as(DOCS.updateOptionSet, { id: fx.a.id, isActive: false });
        expect(deactivated.body.data!.updateOptionSet.optionSet.isActive).toBe(false);
      },
    );
  });

  describe('reorderOptionSets', () => {
    it('reorders every set at once and records the old and new order', async () => {
      const { stepId } = await h.newStep();
      const ids = [
        (await h.newSet(stepId, 'a')).id,
        (await h.newSet(stepId, 'b')).id,
        (await h.newSet(stepId, 'c')).id,
      ];
      const response = await h.as(DOCS.reorderOptionSets, {
        stepId,
        setIds: [ids[2], ids[0], ids[1]],
      });
      expect(response.body.data!.reorderOptionSets.optionSets).toEqual([
        { id: ids[2], key: 'c', order: 1 },
        { id: ids[0], key: 'a', order: 2 },
        { id: ids[1], key: 'b', order: 3 },
      ]);
      expect(await h.setKeys(stepId)).toEqual(['c', 'a', 'b']);
      const [entry] = await h
        .auditOf('STEP', stepId)
        .then((rows) => rows.filter((row) => row.action === 'REORDER'));
      expect(entry.old_values.setIds).toEqual(ids.map(Number));
      expect(entry.new_values.setIds).toEqual([ids[2], ids[0], ids[1]].map(Number));
    });

    it.each([
      ['a missing set', (ids: string[]) => ids.slice(1)],
      ['a repeated set', (ids: string[]) => [ids[0], ids[0], ids[1]]],
      ['a set of another step', (ids: string[], foreign: string) => [...ids.slice(1), foreign]],
    ])('refuses a reorder with %s, changing nothing', async (_case, mangle) => {
      const { stepId } = await h.newStep();
      const other = await h.newStep();
      const foreign = (await h.newSet(other.stepId, 'foreign')).id;
      const ids = [
        (await h.newSet(stepId, 'a')).id,
        (await h.newSet(stepId, 'b')).id,
        (await h.newSet(stepId, 'c')).id,
      ];
      const before = await h.auditCount();
      const response = await h.as(DOCS.reorderOptionSets, {
        stepId,
        setIds: mangle(ids, foreign),
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(['setIds']);
      expect(await h.setKeys(stepId)).toEqual(['a', 'b', 'c']);
      expect(await h.auditCount()).toBe(before);
    });
  });

  describe('createOption', () => {
    it('appends options, inserts at a position, and records each creation', async () => {
      const { wizardId, stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'size', { selectionType: 'MULTIPLE' });
      await h.newOption(set.id, 'small');
      await h.newOption(set.id, 'large');
      const medium = await h.newOption(set.id, 'medium', {
        position: 2,
        price: '0149.5',
        value: 'M',
        metadata: { badge: 'popular', sizes: [1, 2] },
        isDefault: true,
      });
      expect(medium).toMatchObject({
        setId: set.id,
        order: 2,
        price: '149.50',
        value: 'M',
        metadata: { badge: 'popular', sizes: [1, 2] },
        isDefault: true,
        isActive: true,
      });
      expect(await h.optionKeys(set.id)).toEqual(['small', 'medium', 'large']);
      const [row] = await db.dataSource.query(
        'SELECT option_price FROM wizard_options WHERE option_id = $1',
        [medium.id],
      );
      expect(row.option_price).toBe('149.50');
      expect(await h.auditOf('OPTION', medium.id)).toEqual([
        expect.objectContaining({
          action: 'CREATE',
          wizard_id: Number(wizardId),
          new_values: expect.objectContaining({ key: 'medium', price: '149.50', order: 2 }),
        }),
      ]);
    });

    it.each([
      ['a key with capitals', { key: 'Large' }, 'key'],
      ['an empty label', { label: '' }, 'label'],
      ['a label over 200 characters', { label: 'l'.repeat(201) }, 'label'],
      ['a value over 255 characters', { value: 'v'.repeat(256) }, 'value'],
      ['an icon over 100 characters', { icon: 'i'.repeat(101) }, 'icon'],
      ['an image URL over 255 characters', { imageUrl: 'u'.repeat(256) }, 'imageUrl'],
      [
        'a placeholder over 255 characters',
        { inputPlaceholder: 'p'.repeat(256) },
        'inputPlaceholder',
      ],
      ['a negative price', { price: '-1.00' }, 'price'],
      ['a price too large for DECIMAL(10,2)', { price: '100000000.00' }, 'price'],
      ['a null price', { price: null }, 'price'],
      ['metadata over 16 KB', { metadata: { text: 'm'.repeat(16 * 1024) } }, 'metadata'],
      ['position 0', { position: 0 }, 'position'],
      ['a position past the end', { position: 2 }, 'position'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, change, field) => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      const before = await h.auditCount();
      const response = await h.as(DOCS.createOption, {
        setId: set.id,
        key: 'ok',
        label: 'ok',
        ...change,
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain(field);
      expect(await h.optionKeys(set.id)).toEqual([]);
      expect(await h.auditCount()).toBe(before);
    });

    it('refuses a price with three decimals before it reaches the service', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      const response = await h.as(DOCS.createOption, {
        setId: set.id,
        key: 'ok',
        label: 'ok',
        price: '1.005',
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors![0].message).toMatch(/input\.price/);
      expect(await h.optionKeys(set.id)).toEqual([]);
    });

    it('refuses a duplicate key with CONFLICT naming the field, writing nothing', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      await h.newOption(set.id, 'taken');
      const before = await h.auditCount();
      const response = await h.as(DOCS.createOption, { setId: set.id, key: 'taken', label: 'x' });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].extensions!.field).toBe('key');
      expect(await h.optionKeys(set.id)).toEqual(['taken']);
      expect(await h.auditCount()).toBe(before);
    });

    it.each(['TEXT_INPUT', 'DATE_PICKER', 'FILE_UPLOAD'])(
      'refuses options on a %s set',
      async (selectionType) => {
        const { stepId } = await h.newStep();
        const set = await h.newSet(stepId, 'value', { selectionType });
        const before = await h.auditCount();
        const response = await h.as(DOCS.createOption, { setId: set.id, key: 'x', label: 'x' });
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(response)).toEqual(['setId']);
        expect(await h.optionKeys(set.id)).toEqual([]);
        expect(await h.auditCount()).toBe(before);
      },
    );
  });

  describe('updateOption', () => {
    it('changes only the given fields and records the difference', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      const option = await h.newOption(set.id, 'basic', { price: '10.00' });
      const same = await h.as(DOCS.updateOption, { id: option.id, price: '10' });
      expect(same.body.errors).toBeUndefined();
      const response = await h.as(DOCS.updateOption, {
        id: option.id,
        label: 'Basic plan',
        price: 12.5,
        metadata: null,
      });
      expect(response.body.data!.updateOption.option).toMatchObject({
        key: 'basic',
        label: 'Basic plan',
        price: '12.50',
      });
      const entries = await h.auditOf('OPTION', option.id);
      expect(entries.map((entry) => entry.action)).toEqual(['CREATE', 'UPDATE']);
      expect(entries[1]).toMatchObject({
        old_values: { label: 'basic', price: '10.00' },
        new_values: { label: 'Basic plan', price: '12.50' },
      });
    });

    it.each([
      ['a null label', { label: null }, 'label'],
      ['a null key', { key: null }, 'key'],
      ['a negative price', { price: -5 }, 'price'],
      ['a null isActive', { isActive: null }, 'isActive'],
    ])('refuses %s, leaving the row as it was', async (_case, change, field) => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      const option = await h.newOption(set.id, 'keep', { price: '3.00' });
      const before = await h.auditCount();
      const response = await h.as(DOCS.updateOption, { id: option.id, ...change });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toContain(field);
      const [row] = await db.dataSource.query(
        'SELECT option_key, option_label, option_price, is_active FROM wizard_options WHERE option_id = $1',
        [option.id],
      );
      expect(row).toEqual({
        option_key: 'keep',
        option_label: 'keep',
        option_price: '3.00',
        is_active: true,
      });
      expect(await h.auditCount()).toBe(before);
    });
  });

  describe('deleteOption', () => {
    it('deletes an option with its own dependencies and closes the gap', async () => {
      const fx = await twoSteps();
      const b2 = await h.newOption(fx.b.id, 'b2');
      const [{ dependency_id: dep }] = await optionDependency(fx.b1.id, fx.stepId, fx.a1.id);
      const response = await h.as(DOCS.deleteOption, { id: fx.b1.id });
      expect(response.body.data!.deleteOption.deletedId).toBe(fx.b1.id);
      expect(await h.optionKeys(fx.b.id)).toEqual(['b2']);
      const [row] = await db.dataSource.query(
        'SELECT option_order FROM wizard_options WHERE option_id = $1',
        [b2.id],
      );
      expect(row.option_order).toBe(1);
      expect(
        await h.count('SELECT count(*) FROM wizard_option_dependencies WHERE dependency_id = $1', [
          dep,
        ]),
      ).toBe(0);
      expect((await h.auditOf('OPTION', fx.b1.id)).map((e) => e.action)).toEqual([
        'CREATE',
        'DELETE',
      ]);
      expect((await h.auditOf('OPTION_DEPENDENCY', dep)).map((e) => e.action)).toEqual(['DELETE']);
    });

    it.each([
      ['an option dependency', 'option dependency'],
      ['a set dependency', 'set dependency'],
      ['a flow rule', 'flow rule'],
    ])('refuses an option %s points at, writing nothing', async (_case, what) => {
      const fx = await twoSteps();
      if (what === 'option dependency') await optionDependency(fx.b1.id, fx.stepId, fx.a1.id);
      if (what === 'set dependency') await setDependency(fx.b.id, fx.stepId, fx.a1.id);
      if (what === 'flow rule') {
        await db.dataSource.query(
          `INSERT INTO wizard_flow_rules (wizard_id, from_step_id, from_option_id, to_step_id)
           VALUES ($1, $2, $3, $4)`,
          [fx.wizardId, fx.stepId, fx.a1.id, fx.targetStepId],
        );
      }
      const before = await h.auditCount();
      const response = await h.as(DOCS.deleteOption, { id: fx.a1.id });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].message).toContain(what);
      expect(await h.optionKeys(fx.a.id)).toEqual(['a1', 'a2']);
      expect(await h.auditCount()).toBe(before);
    });

    it('refuses an option sessions chose, suggesting deactivation', async () => {
      const fx = await twoSteps();
      await answer(fx.wizardId, fx.stepId, fx.a.id, fx.a1.id);
      const before = await h.auditCount();
      const response = await h.as(DOCS.deleteOption, { id: fx.a1.id });
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.body.errors![0].message).toMatch(/deactivate/);
      expect(await h.optionKeys(fx.a.id)).toEqual(['a1', 'a2']);
      expect(await h.auditCount()).toBe(before);
      expect(codeOf(await h.as(DOCS.deleteOption, { id: fx.a2.id }))).toBeUndefined();
    });
  });

  describe('reorderOptions', () => {
    it('reorders every option at once and records the old and new order', async () => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      const ids = [
        (await h.newOption(set.id, 'a')).id,
        (await h.newOption(set.id, 'b')).id,
        (await h.newOption(set.id, 'c')).id,
      ];
      const response = await h.as(DOCS.reorderOptions, {
        setId: set.id,
        optionIds: [ids[1], ids[2], ids[0]],
      });
      expect(response.body.data!.reorderOptions.options.map((o: any) => o.key)).toEqual([
        'b',
        'c',
        'a',
      ]);
      expect(await h.optionKeys(set.id)).toEqual(['b', 'c', 'a']);
      const [entry] = (await h.auditOf('OPTION_SET', set.id)).filter(
        (row) => row.action === 'REORDER',
      );
      expect(entry.old_values.optionIds).toEqual(ids.map(Number));
      expect(entry.new_values.optionIds).toEqual([ids[1], ids[2], ids[0]].map(Number));
    });

    it.each([
      ['a missing option', (ids: string[]) => ids.slice(1)],
      ['a repeated option', (ids: string[]) => [ids[0], ids[0], ids[1]]],
      ['an option of another set', (ids: string[], foreign: string) => [...ids.slice(1), foreign]],
    ])('refuses a reorder with %s, changing nothing', async (_case, mangle) => {
      const { stepId } = await h.newStep();
      const set = await h.newSet(stepId, 'choice');
      const otherSet = await h.newSet(stepId, 'other');
      const foreign = (await h.newOption(otherSet.id, 'foreign')).id;
      const ids = [
        (await h.newOption(set.id, 'a')).id,
        (await h.newOption(set.id, 'b')).id,
        (await h.newOption(set.id, 'c')).id,
      ];
      const before = await h.auditCount();
      const response = await h.as(DOCS.reorderOptions, {
        setId: set.id,
        optionIds: mangle(ids, foreign),
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(['optionIds']);
      expect(await h.optionKeys(set.id)).toEqual(['a', 'b', 'c']);
      expect(await h.auditCount()).toBe(before);
    });
  });

  describe('authorization', () => {
    let fx: Awaited<ReturnType<typeof twoSteps>>;
    const inputs: [string, () => Record<string, unknown>][] = [
      ['createOptionSet', () => ({ stepId: fx.stepId, key: 'denied', name: 'x' })],
      ['updateOptionSet', () => ({ id: fx.a.id, name: 'denied' })],
      ['deleteOptionSet', () => ({ id: fx.b.id })],
      ['reorderOptionSets', () => ({ stepId: fx.stepId, setIds: [fx.a.id] })],
      ['createOption', () => ({ setId: fx.a.id, key: 'denied', label: 'x' })],
      ['updateOption', () => ({ id: fx.a1.id, label: 'denied' })],
      ['deleteOption', () => ({ id: fx.a2.id })],
      ['reorderOptions', () => ({ setId: fx.a.id, optionIds: [fx.a2.id, fx.a1.id] })],
    ];
    const snapshot = () =>
      db.dataSource.query(
        `SELECT (SELECT json_agg(s ORDER BY set_id) FROM wizard_option_sets s
                  WHERE step_id = ANY($1::int[])) AS sets,
                (SELECT json_agg(o ORDER BY option_id) FROM wizard_options o
                  WHERE set_id = ANY($2::int[])) AS options,
                (SELECT count(*)::int FROM audit_log) AS audit`,
        [
          [fx.stepId, fx.targetStepId],
          [fx.a.id, fx.b.id],
        ],
      );

    beforeAll(async () => {
      fx = await twoSteps();
    });

    it.each(inputs)(
      '%s: anonymous, USER and a key without WIZARDS_WRITE change nothing',
      async (name, input) => {
        const document = DOCS[name as keyof typeof DOCS];
        const readOnly = await apiKeyHeaders(server, admin, ['WIZARDS_READ']);
        const before = await snapshot();
        const call = (headers?: Record<string, string>) =>
          server.graphql(document, { input: input() }, headers);
        expect(codeOf(await call())).toBe('UNAUTHENTICATED');
        expect(codeOf(await call(user.headers))).toBe('FORBIDDEN');
        expect(codeOf(await call(readOnly))).toBe('FORBIDDEN');
        expect(await snapshot()).toEqual(before);
      },
    );

    it('accepts a key with WIZARDS_WRITE and records the key in the trail', async () => {
      const key = await apiKeyHeaders(server, admin, ['WIZARDS_WRITE']);
      const response = await server.graphql(
        DOCS.createOption,
        { input: { setId: fx.a.id, key: 'via_key', label: 'Via key' } },
        key,
      );
      expect(response.body.errors).toBeUndefined();
      const [row] = await db.dataSource.query<{ api_key_id: number | null }[]>(
        `SELECT api_key_id FROM audit_log WHERE entity_type = 'OPTION' AND entity_id = $1`,
        [response.body.data!.createOption.option.id],
      );
      expect(row.api_key_id).not.toBeNull();
    });
  });
});
