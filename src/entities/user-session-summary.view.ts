import { ViewColumn, ViewEntity } from 'typeorm';
import { bigintAsNumber } from './column-helpers';

/** Read model over the seed's `v_user_session_summary` view (created by the migration). */
@ViewEntity({ name: 'v_user_session_summary', synchronize: false })
export class UserSessionSummary {
  @ViewColumn({ name: 'session_id' })
  sessionId: number;

  @ViewColumn({ name: 'wizard_id' })
  wizardId: number;

  @ViewColumn({ name: 'user_id' })
  userId: number;

  @ViewColumn({ name: 'steps_completed', transformer: bigintAsNumber })
  stepsCompleted: number;

  @ViewColumn({ name: 'total_steps', transformer: bigintAsNumber })
  totalSteps: number;
}
