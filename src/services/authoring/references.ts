import type { EntityManager } from 'typeorm';
import { conflict } from '../../errors/error-code';

/** What is about to be deleted: a step, option sets or options (with everything inside them). */
export interface DeletionTarget {
  stepIds: number[];
  setIds: number[];
  optionIds: number[];
}

/**
 * Sessions that answered, skipped or stand on any of the targets. Authors see every session under
 * row-level security, so these counts are complete.
 */
async function answeredCount(manager: EntityManager, target: DeletionTarget): Promise<number> {
  const [{ n }] = await manager.query<{ n: number }[]>(
    `SELECT (
       (SELECT count(*) FROM wizard_user_selections
         WHERE step_id = ANY($1) OR set_id = ANY($2) OR option_id = ANY($3))
     + (SELECT count(*) FROM wizard_step_skips WHERE step_id = ANY($1))
     + (SELECT count(*) FROM wizard_user_sessions WHERE current_step_id = ANY($1))
     + (SELECT count(*) FROM wizard_analytics WHERE most_abandoned_step_id = ANY($1))
     )::int AS n`,
    [target.stepIds, target.setIds, target.optionIds],
  );
  return n;
}

/** Flow rules and dependencies elsewhere that point at the targets (and would be left dangling). */
async function incomingReferences(
  manager: EntityManager,
  target: DeletionTarget,
): Promise<string[]> {
  const rows = await manager.query<{ what: string }[]>(
    `SELECT 'flow rule ' || rule_id AS what FROM wizard_flow_rules
      WHERE (to_step_id = ANY($1) OR from_option_id = ANY($3)) AND NOT from_step_id = ANY($1)
     UNION ALL
     SELECT 'option dependency ' || d.dependency_id FROM wizard_option_dependencies d
      WHERE (d.depends_on_step_id = ANY($1) OR d.depends_on_option_id = ANY($3))
        AND NOT d.option_id = ANY($3)
     UNION ALL
     SELECT 'set dependency ' || d.dependency_id FROM wizard_set_dependencies d
      WHERE (d.depends_on_step_id = ANY($1) OR d.depends_on_option_id = ANY($3))
        AND NOT d.set_id = ANY($2)
     ORDER BY 1 LIMIT 20`,
    [target.stepIds, target.setIds, target.optionIds],
  );
  return rows.map((row) => row.what);
}

/**
 * Refuses to delete what sessions have used (deactivate it instead, so history stays intact) or
 * what other parts of the definition still point at. Each refusal is a CONFLICT saying why.
 */
export async function assertDeletable(
  manager: EntityManager,
  what: string,
  target: DeletionTarget,
): Promise<void> {
  const answered = await answeredCount(manager, target);
  if (answered > 0) {
    throw conflict(
      `The ${what} has been used by sessions (${answered} answer(s), skip(s) or position(s)); ` +
        'deactivate it (isActive: false) instead',
      'id',
    );
  }
  const incoming = await incomingReferences(manager, target);
  if (incoming.length > 0) {
    throw conflict(
      `The ${what} is still referenced by ${incoming.join(', ')}; change or delete those first`,
      'id',
    );
  }
}
