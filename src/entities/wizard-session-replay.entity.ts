import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp, nullAsFalse } from './column-helpers';
import { User } from './user.entity';
import { WizardSessionTemplate } from './wizard-session-template.entity';
import { WizardSession } from './wizard-session.entity';
import { Wizard } from './wizard.entity';

@ObjectType({
  description: 'A session started again from a template or an earlier session.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_session_replays' })
@Index('idx_replays_user', ['userId'])
@Index('idx_replays_wizard', ['wizardId'])
@Index('idx_replays_template', ['templateId'])
// Every change to a session asks whether it is an unmodified replay (SessionReferenceIndexes).
@Index('idx_replays_new_session', ['newSessionId'])
@Index('idx_replays_original_session', ['originalSessionId'])
export class WizardSessionReplay {
  @Field(() => ID, { description: 'The replay id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'replay_id',
    primaryKeyConstraintName: 'wizard_session_replays_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The user who replayed.' })
  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey(() => User, { name: 'wizard_session_replays_user_id_fkey', onDelete: 'CASCADE' })
  userId: number;

  @Field(() => ID, { description: 'The wizard.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, { name: 'wizard_session_replays_wizard_id_fkey', onDelete: 'CASCADE' })
  wizardId: number;

  @Field(() => ID, { nullable: true, description: 'The template replayed, if any.' })
  @Column({ name: 'template_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardSessionTemplate, { name: 'wizard_session_replays_template_id_fkey' })
  templateId: number | null;

  @Field(() => ID, { nullable: true, description: 'The session replayed, if any.' })
  @Column({ name: 'original_session_id', type: 'integer', nullable: true })
  @ForeignKey(() => WizardSession, { name: 'wizard_session_replays_original_session_id_fkey' })
  originalSessionId: number | null;

  @Field(() => ID, { description: 'The session the replay created.' })
  @Column({ name: 'new_session_id', type: 'integer' })
  @ForeignKey(() => WizardSession, {
    name: 'wizard_session_replays_new_session_id_fkey',
    onDelete: 'CASCADE',
  })
  newSessionId: number;

  @Field({ description: 'Whether free-text data was carried over.' })
  @Column({
    name: 'replay_with_data',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  replayWithData: boolean;

  @Field({ description: "Whether the new session's answers now differ from the original's." })
  @Column({
    name: 'modifications_made',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  modificationsMade: boolean;

  @Field(() => Date, { nullable: true, description: 'When the replay happened.' })
  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  replayedAt: Date | null;

  /** Digest of the answers the replay started from (modifications_made compares with it). */
  @Column({ name: 'baseline_digest', type: 'varchar', length: 64, nullable: true })
  baselineDigest: string | null;
}
