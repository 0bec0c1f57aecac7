import { ViewColumn, ViewEntity } from 'typeorm';
import { bigintAsNumber } from './column-helpers';

/**
 * Read model over the seed's `v_wizard_overview` view (created by the migration; TypeORM does not
 * manage it). Only the computed columns are mapped; the rest are the wizard's own.
 */
@ViewEntity({ name: 'v_wizard_overview', synchronize: false })
export class WizardOverview {
  @ViewColumn({ name: 'wizard_id' })
  wizardId: number;

  @ViewColumn({ name: 'total_steps', transformer: bigintAsNumber })
  totalSteps: number;

  @ViewColumn({ name: 'total_templates', transformer: bigintAsNumber })
  totalTemplates: number;
}
