import type { QueryRunner } from 'typeorm';
import { insertSql, updateSql } from '../../src/database/entity-sql';
import { WizardSession, WizardSessionActivity, WizardUserSelection } from '../../src/entities';
import { ActivityType } from '../../src/entities/enums';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe('entity SQL for the writer', () => {
  let db: TestDatabase;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = db.dataSource.createQueryRunner();
  });
  afterAll(async () => {
    await runner?.release();
    await db?.drop();
  });

  it('names columns, leaves out what a row omits as DEFAULT and stores JSON as TypeORM does', () => {
    const [sql, params] = insertSql(runner.manager, WizardUserSelection, [
      { sessionId: 1, stepId: 2, setId: 3, optionId: 4, selectionOrder: 1 },
      { sessionId: 1, stepId: 2, setId: 5, selectedValue: 'typed', additionalInput: { a: 1 } },
    ]);
    expect(sql).toBe(
      'INSERT INTO "wizard_user_selections" ("session_id", "step_id", "set_id", "option_id", ' +
        '"selection_order", "selected_value", "additional_input") VALUES ' +
        '($1, $2, $3, $4, $5, DEFAULT, DEFAULT), ($6, $7, $8, DEFAULT, DEFAULT, $9, $10) RETURNING *',
    );
    expect(params).toEqual([1, 2, 3, 4, 1, 1, 2, 5, 'typed', '{"a":1}']);
  });

  it('gives the same text for the same shape, whatever the values', () => {
    const row = (type: ActivityType, details: object) => ({
      sessionId: 9,
      wizardId: 8,
      userId: 7,
      type,
      details,
    });
    const [first] = insertSql(runner.manager, WizardSessionActivity, [
      row(ActivityType.STEP_COMPLETED, { step: 1 }),
    ]);
    const [second] = insertSql(runner.manager, WizardSessionActivity, [
      row(ActivityType.SESSION_STARTED, { other: "it's $1" }),
    ]);
    expect(second).toBe(first);
  });

  it('updates with parameters, raw expressions as SQL, and a WHERE on the given properties', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const [sql, params] = updateSql(
      runner.manager,
      WizardSession,
      {
        currentStepId: 3,
        lastModified: now,
        version: () => 'row_version + 1',
        pausedAt: undefined,
      },
      { id: 5, version: 2 },
    );
    expect(sql).toBe(
      'UPDATE "wizard_user_sessions" SET "current_step_id" = $1, "last_modified" = $2, ' +
        '"row_version" = row_version + 1 WHERE "session_id" = $3 AND "row_version" = $4 RETURNING *',
    );
    expect(params).toEqual([3, now, 5, 2]);
    const [narrow] = updateSql(
      runner.manager,
      WizardSession,
      { currentStepId: 3, pausedAt: undefined, version: () => 'row_version + 1' },
      { id: 5 },
      { returning: 'set' },
    );
    expect(narrow).toBe(
      'UPDATE "wizard_user_sessions" SET "current_step_id" = $1, "row_version" = row_version + 1 ' +
        'WHERE "session_id" = $2 RETURNING "current_step_id", "row_version"',
    );
  });
});
