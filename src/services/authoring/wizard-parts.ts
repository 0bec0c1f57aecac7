import type { EntityManager } from 'typeorm';
import { badUserInput, notFound } from '../../errors/error-code';

/** Where a step, set or option sits: the ids above it and its step's position. */
export interface Placement {
  wizardId: number;
  stepId: number;
  stepOrder: number;
  setId: number | null;
}

type Part = 'step' | 'set' | 'option';

const PLACEMENT_SQL: Record<Part, string> = {
  step: `SELECT wizard_id AS "wizardId", step_id AS "stepId", step_order AS "stepOrder",
           NULL::int AS "setId" FROM wizard_steps WHERE step_id = $1`,
  set: `SELECT st.wizard_id AS "wizardId", st.step_id AS "stepId", st.step_order AS "stepOrder",
           s.set_id AS "setId"
         FROM wizard_option_sets s JOIN wizard_steps st ON st.step_id = s.step_id
         WHERE s.set_id = $1`,
  option: `SELECT st.wizard_id AS "wizardId", st.step_id AS "stepId", st.step_order AS "stepOrder",
           s.set_id AS "setId"
         FROM wizard_options o
         JOIN wizard_option_sets s ON s.set_id = o.set_id
         JOIN wizard_steps st ON st.step_id = s.step_id
         WHERE o.option_id = $1`,
};

const ENTITY: Record<Part, string> = {
  step: 'WizardStep',
  set: 'WizardOptionSet',
  option: 'WizardOption',
};

/**
 * Where a step, set or option sits. A missing one is NOT_FOUND when it is what the mutation acts
 * on, and BAD_USER_INPUT naming the field when the input merely refers to it.
 */
export async function placementOf(
  manager: EntityManager,
  part: Part,
  id: number,
  referencedBy?: string,
): Promise<Placement> {
  const [row] = await manager.query<Placement[]>(PLACEMENT_SQL[part], [id]);
  if (row) return row;
  if (referencedBy) {
    throw badUserInput(`${referencedBy} names no existing ${part}`, [
      { field: referencedBy, message: `no ${part} with id ${id}` },
    ]);
  }
  throw notFound(ENTITY[part], id);
}
