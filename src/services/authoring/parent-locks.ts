import type { EntityManager } from 'typeorm';
import { WizardOption, WizardOptionSet } from '../../entities';
import { notFound } from '../../errors/error-code';
import { lockWizard } from './wizard-authoring.service';

/**
 * Finds the wizard that owns a row and locks it. Every authoring change of a wizard's parts locks
 * the wizard first, so the rows read after this are current and stay so until the change ends.
 */
async function lockOwningWizard(
  manager: EntityManager,
  sql: string,
  id: number,
  entity: string,
): Promise<number> {
  const [row] = await manager.query<{ wizard_id: number }[]>(sql, [id]);
  if (!row) throw notFound(entity, id);
  await lockWizard(manager, row.wizard_id);
  return row.wizard_id;
}

export function lockStepWizard(manager: EntityManager, stepId: number): Promise<number> {
  return lockOwningWizard(
    manager,
    'SELECT wizard_id FROM wizard_steps WHERE step_id = $1',
    stepId,
    'WizardStep',
  );
}

/** The option set, read after its wizard is locked. */
export async function lockSet(manager: EntityManager, setId: number) {
  const wizardId = await lockOwningWizard(
    manager,
    `SELECT st.wizard_id FROM wizard_option_sets s JOIN wizard_steps st ON st.step_id = s.step_id
      WHERE s.set_id = $1`,
    setId,
    'WizardOptionSet',
  );
  const set = await manager.findOneBy(WizardOptionSet, { id: setId });
  if (!set) throw notFound('WizardOptionSet', setId);
  return { set, wizardId };
}

/** The option, read after its wizard is locked. */
export async function lockOption(manager: EntityManager, optionId: number) {
  const wizardId = await lockOwningWizard(
    manager,
    `SELECT st.wizard_id FROM wizard_options o
       JOIN wizard_option_sets s ON s.set_id = o.set_id
       JOIN wizard_steps st ON st.step_id = s.step_id
      WHERE o.option_id = $1`,
    optionId,
    'WizardOption',
  );
  const option = await manager.findOneBy(WizardOption, { id: optionId });
  if (!option) throw notFound('WizardOption', optionId);
  return { option, wizardId };
}
