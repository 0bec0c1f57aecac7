import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ViewColumn, ViewEntity } from 'typeorm';
import { bigintAsNumber } from './column-helpers';

/** Read model over the seed's `v_user_session_summary` view (created by the migration). */
@ObjectType({
  description: "A session at a glance (the seed's v_user_session_summary view).",
  simpleResolvers: true,
})
@ViewEntity({ name: 'v_user_session_summary', synchronize: false })
export class UserSessionSummary {
  @Field(() => ID, { description: 'The session.' })
  @ViewColumn({ name: 'session_id' })
  sessionId: number;

  @Field({ description: "The session's name." })
  @ViewColumn({ name: 'session_name' })
  sessionName: string;

  @Field(() => ID, { description: 'The wizard.' })
  @ViewColumn({ name: 'wizard_id' })
  wizardId: number;

  @Field({ description: "The wizard's name." })
  @ViewColumn({ name: 'wizard_name' })
  wizardName: string;

  @Field(() => ID, { description: 'The user who runs it.' })
  @ViewColumn({ name: 'user_id' })
  userId: number;

  @Field({ description: "The user's email." })
  @ViewColumn({ name: 'email' })
  email: string;

  @Field(() => String, { nullable: true, description: "The user's name." })
  @ViewColumn({ name: 'full_name' })
  fullName: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it was completed.' })
  @ViewColumn({ name: 'is_completed' })
  isCompleted: boolean | null;

  @Field(() => Date, { nullable: true, description: 'When it was started.' })
  @ViewColumn({ name: 'started_at' })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was completed.' })
  @ViewColumn({ name: 'completed_at' })
  completedAt: Date | null;

  @Field(() => Int, { description: 'Steps with recorded selections.' })
  @ViewColumn({ name: 'steps_completed', transformer: bigintAsNumber })
  stepsCompleted: number;

  @Field(() => Int, { description: "The wizard's active steps." })
  @ViewColumn({ name: 'total_steps', transformer: bigintAsNumber })
  totalSteps: number;
}
