import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { User } from './user.entity';
import { WizardSession } from './wizard-session.entity';
import { Wizard } from './wizard.entity';

@ObjectType({
  description: 'A link that shares a session with chosen permissions.',
  simpleResolvers: true,
})
@Entity({ name: 'wizard_session_shares' })
@Unique('wizard_session_shares_share_token_key', ['shareToken'])
@Index('idx_shares_token', ['shareToken'])
@Index('idx_shares_session', ['sessionId'])
@Index('idx_shares_wizard', ['wizardId'])
export class WizardSessionShare {
  @Field(() => ID, { description: 'The share id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'share_id',
    primaryKeyConstraintName: 'wizard_session_shares_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The session shared.' })
  @Column({ name: 'session_id', type: 'integer' })
  @ForeignKey(() => WizardSession, {
    name: 'wizard_session_shares_session_id_fkey',
    onDelete: 'CASCADE',
  })
  sessionId: number;

  @Field(() => ID, { description: "The session's wizard." })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, { name: 'wizard_session_shares_wizard_id_fkey', onDelete: 'CASCADE' })
  wizardId: number;

  @Field(() => ID, { description: 'The user who shared it.' })
  @Column({ name: 'shared_by_user_id', type: 'integer' })
  @ForeignKey(() => User, {
    name: 'wizard_session_shares_shared_by_user_id_fkey',
    onDelete: 'CASCADE',
  })
  sharedByUserId: number;

  @Field(() => ID, { nullable: true, description: 'When set, only this user may use the share.' })
  @Column({ name: 'shared_with_user_id', type: 'integer', nullable: true })
  @ForeignKey(() => User, {
    name: 'wizard_session_shares_shared_with_user_id_fkey',
    onDelete: 'CASCADE',
  })
  sharedWithUserId: number | null;

  /** The bearer secret of the share link; never a GraphQL field. */
  @Column({ name: 'share_token', type: 'varchar', length: 255 })
  shareToken: string;

  @Field({ description: 'The holder may view the session.' })
  @Column({ name: 'can_view', nullable: true, default: true, transformer: nullAsFalse })
  canView: boolean;

  @Field({ description: 'The holder may copy the session into their own.' })
  @Column({ name: 'can_clone', nullable: true, default: true, transformer: nullAsFalse })
  canClone: boolean;

  @Field({ description: 'The holder may answer on the original session.' })
  @Column({ name: 'can_edit', nullable: true, default: false, transformer: nullAsFalse })
  canEdit: boolean;

  @Field({ description: 'Free text and additional input are shown to the holder.' })
  @Column({
    name: 'include_user_data',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  includeUserData: boolean;

  @Field(() => Date, { nullable: true, description: 'When the share stops working.' })
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'How many uses it allows; null is unlimited.' })
  @Column({ name: 'max_uses', type: 'integer', nullable: true })
  maxUses: number | null;

  @Field(() => Int, { description: 'How many times it was used.' })
  @Column({
    name: 'use_count',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  useCount: number;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;

  @Field({ description: 'Revoked shares are inactive.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;
}
