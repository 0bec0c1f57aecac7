import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { StoredDraft } from '../services/sessions/session-draft';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DecimalScalar } from '../graphql/decimal.scalar';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { User } from './user.entity';
import { WizardStep } from './wizard-step.entity';
import { Wizard } from './wizard.entity';

@ObjectType({ description: "One user's run through a wizard.", simpleResolvers: true })
@Entity({ name: 'wizard_user_sessions', comment: 'User sessions for completing wizards' })
@Unique('wizard_user_sessions_session_token_key', ['sessionToken'])
@Index('idx_sessions_wizard', ['wizardId'])
@Index('idx_sessions_user', ['userId'])
@Index('idx_sessions_token', ['sessionToken'])
@Index('idx_sessions_wizard_user', ['wizardId', 'userId', 'isCompleted'])
export class WizardSession {
  @Field(() => ID, { description: 'The session id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'session_id',
    primaryKeyConstraintName: 'wizard_user_sessions_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The wizard being run.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, { name: 'wizard_user_sessions_wizard_id_fkey', onDelete: 'CASCADE' })
  wizardId: number;

  @Field(() => ID, { description: 'The user who owns the session.' })
  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey(() => User, { name: 'wizard_user_sessions_user_id_fkey', onDelete: 'CASCADE' })
  userId: number;

  @Field({ description: "The user's name for the session." })
  @Column({ name: 'session_name', type: 'varchar', length: 255 })
  name: string;

  /** The secret that resumes the session; never a GraphQL field. */
  @Column({ name: 'session_token', type: 'varchar', length: 255 })
  sessionToken: string;

  @Field(() => String, { nullable: true, description: "The user's description of the session." })
  @Column({ name: 'session_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => ID, { nullable: true, description: 'The step the session stands on.' })
  @Column({ name: 'current_step_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardStep, { name: 'wizard_user_sessions_current_step_id_fkey' })
  currentStepId: number | null;

  @Field({ description: 'Whether the session was completed.' })
  @Column({
    name: 'is_completed',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  isCompleted: boolean;

  @Field({ description: 'Whether the session serves as a template.' })
  @Column({
    name: 'is_template',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  isTemplate: boolean;

  @Field({ description: 'When false, free text and additional input are kept only encrypted.' })
  @Column({
    name: 'store_user_data',
    nullable: true,
    default: true,
    transformer: nullAsFalse,
  })
  storeUserData: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was started.' })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was completed.' })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it last changed (including auto-saves).',
  })
  @Column({ name: 'last_modified', type: 'timestamptz', nullable: true, default: currentTimestamp })
  lastModified: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it expires unless there is activity.' })
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => DecimalScalar, { description: 'Price of the selected visible options.' })
  @Column({
    name: 'total_price',
    type: 'decimal',
    precision: 10,
    scale: 2,
    nullable: true,
    default: () => '0.00',
    transformer: nullAsDefault('0.00'),
  })
  totalPrice: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Free-form metadata.' })
  @Column({ name: 'session_metadata', type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true, description: 'Minutes from start to completion.' })
  @Column({ name: 'completion_time_minutes', type: 'integer', nullable: true })
  completionTimeMinutes: number | null;

  @Field(() => Int, {
    description: 'Bumped by every change; session mutations pass it back as expectedVersion.',
  })
  @Column({ name: 'row_version', type: 'integer', default: 1 })
  version: number;

  /** Soft delete: a deleted session is gone from every query, its activity rows stay. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was paused; null while running.' })
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  /** When the session arrived at its current step (time spent is measured from it). */
  @Column({
    name: 'step_entered_at',
    type: 'timestamptz',
    nullable: true,
    default: currentTimestamp,
  })
  stepEnteredAt: Date | null;

  /** The step the auto-saved draft belongs to. */
  @Column({ name: 'draft_step_id', type: 'integer', nullable: true })
  draftStepId: number | null;

  /** The draft, when the session stores user data. */
  @Column({ name: 'draft_answers', type: 'jsonb', nullable: true })
  draftAnswers: StoredDraft | null;

  /** Steps whose answers are recorded, even when they chose nothing (selections cannot say so). */
  @Column({ name: 'recorded_step_ids', type: 'integer', array: true, default: () => "'{}'" })
  recordedStepIds: number[];

  /** The draft, AES-256-GCM encrypted, when it does not; never a GraphQL field. */
  @Column({ name: 'draft_encrypted', type: 'text', nullable: true })
  draftEncrypted: string | null;
}
