// The baseline's view of a wizard: read once per wizard and kept in memory (the baseline has no
// authoring, so nothing invalidates it), enough to check answers the way the server does for
// choice sets, and to find the next step in the default order.
import type { Pool, PoolClient } from 'pg';

export interface SetShape {
  id: number;
  required: boolean;
  single: boolean;
  optionIds: Set<number>;
}

export interface StepShape {
  id: number;
  key: string;
  required: boolean;
  sets: SetShape[];
}

export interface WizardShape {
  id: number;
  runnable: boolean;
  version: string;
  /** Active steps in order. */
  steps: StepShape[];
}

export interface Answer {
  setId: number;
  optionIds: number[];
}

interface ShapeRow {
  runnable: boolean;
  version: string;
  step_id: number;
  step_key: string;
  step_required: boolean;
  set_id: number | null;
  set_required: boolean;
  single: boolean;
  option_id: number | null;
}

const SHAPE_SQL = `
SELECT w.is_active IS NOT FALSE AND w.published_at IS NOT NULL AS runnable, w.version,
       st.step_id, st.step_key, COALESCE(st.is_required, true) AS step_required,
       os.set_id, COALESCE(os.is_required, true) AS set_required,
       COALESCE(os.selection_type, 'SINGLE') = 'SINGLE' AS single, o.option_id
  FROM wizards w
  JOIN wizard_steps st ON st.wizard_id = w.wizard_id AND st.is_active IS NOT FALSE
  LEFT JOIN wizard_option_sets os ON os.step_id = st.step_id AND os.is_active IS NOT FALSE
  LEFT JOIN wizard_options o
    ON o.set_id = os.set_id AND o.is_active IS NOT FALSE AND o.is_disabled IS NOT TRUE
 WHERE w.wizard_id = $1
 ORDER BY st.step_order, st.step_id, os.set_order, os.set_id, o.option_order, o.option_id`;

function shapeOf(id: number, rows: ShapeRow[]): WizardShape | undefined {
  if (rows.length === 0) return undefined;
  const steps = new Map<number, StepShape>();
  const sets = new Map<number, SetShape>();
  for (const row of rows) {
    let step = steps.get(row.step_id);
    if (!step) {
      step = { id: row.step_id, key: row.step_key, required: row.step_required, sets: [] };
      steps.set(row.step_id, step);
    }
    if (row.set_id === null) continue;
    let set = sets.get(row.set_id);
    if (!set) {
      set = {
        id: row.set_id,
        required: row.set_required,
        single: row.single,
        optionIds: new Set(),
      };
      sets.set(row.set_id, set);
      step.sets.push(set);
    }
    if (row.option_id !== null) set.optionIds.add(row.option_id);
  }
  return { id, runnable: rows[0].runnable, version: rows[0].version, steps: [...steps.values()] };
}

export class WizardShapes {
  private readonly shapes = new Map<number, Promise<WizardShape | undefined>>();

  /** Read through `db`: inside a transaction, its own connection (never a second one). */
  get(db: Pool | PoolClient, wizardId: number): Promise<WizardShape | undefined> {
    let shape = this.shapes.get(wizardId);
    if (!shape) {
      shape = db
        .query<ShapeRow>({ name: 'wizard-shape', text: SHAPE_SQL, values: [wizardId] })
        .then((result) => shapeOf(wizardId, result.rows));
      // A failed read is not remembered.
      shape.catch(() => this.shapes.delete(wizardId));
      this.shapes.set(wizardId, shape);
    }
    return shape;
  }
}

/** Why the answers do not fit the step, or undefined when they do. */
export function answerProblem(step: StepShape, answers: Answer[]): string | undefined {
  const given = new Map(answers.map((answer) => [answer.setId, answer.optionIds]));
  if (given.size !== answers.length) return 'a set is answered twice';
  for (const setId of given.keys()) {
    if (!step.sets.some((set) => set.id === setId)) return `set ${setId} is not on this step`;
  }
  for (const set of step.sets) {
    const chosen = given.get(set.id) ?? [];
    if (chosen.length === 0) {
      if (set.required) return `set ${set.id} is required`;
      continue;
    }
    if (set.single && chosen.length !== 1) return `set ${set.id} takes exactly one option`;
    if (new Set(chosen).size !== chosen.length) return `set ${set.id}: an option is chosen twice`;
    const stray = chosen.find((id) => !set.optionIds.has(id));
    if (stray !== undefined) return `option ${stray} is not in set ${set.id}`;
  }
  return undefined;
}
