import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { User } from './user.entity';
import { WizardSession } from './wizard-session.entity';
import { Wizard } from './wizard.entity';

@ObjectType({ description: 'A finished configuration saved for reuse.', simpleResolvers: true })
@Entity({ name: 'wizard_session_templates', comment: 'Saved configurations for reuse' })
@Index('idx_templates_wizard', ['wizardId'])
@Index('idx_templates_user', ['userId'])
@Index('idx_templates_wizard_public', ['wizardId', 'isPublic'])
@Index('idx_templates_original_session', ['originalSessionId'])
export class WizardSessionTemplate {
  @Field(() => ID, { description: 'The template id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'template_id',
    primaryKeyConstraintName: 'wizard_session_templates_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The wizard it configures.' })
  @Column({ name: 'wizard_id', type: 'integer' })
  @ForeignKey(() => Wizard, {
    name: 'wizard_session_templates_wizard_id_fkey',
    onDelete: 'CASCADE',
  })
  wizardId: number;

  @Field(() => ID, { description: 'The session it was saved from.' })
  @Column({ name: 'original_session_id', type: 'integer' })
  @ForeignKey(() => WizardSession, { name: 'wizard_session_templates_original_session_id_fkey' })
  originalSessionId: number;

  @Field(() => ID, { description: 'The user who saved it.' })
  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey(() => User, { name: 'wizard_session_templates_user_id_fkey', onDelete: 'CASCADE' })
  userId: number;

  @Field({ description: 'Display name.' })
  @Column({ name: 'template_name', type: 'varchar', length: 255 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @Column({ name: 'template_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => GraphQLJSONObject, { description: 'The answers by step, set and option keys.' })
  @Column({ name: 'config_json', type: 'jsonb' })
  config: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'A readable summary of choices and price.' })
  @Column({ name: 'config_summary', type: 'text', nullable: true })
  summary: string | null;

  @Field({ description: 'Whether every user may see and use it.' })
  @Column({ name: 'is_public', nullable: true, default: false, transformer: nullAsFalse })
  isPublic: boolean;

  @Field({ description: 'Marked official by an ADMIN.' })
  @Column({
    name: 'is_official',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  isOfficial: boolean;

  @Field(() => Int, { description: 'How many sessions were started from it.' })
  @Column({
    name: 'use_count',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  useCount: number;

  @Field(() => Date, { nullable: true, description: 'When it was last used.' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Tags (a JSON array of strings).' })
  @Column({ name: 'tags', type: 'jsonb', nullable: true })
  tags: unknown;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  updatedAt: Date | null;
}
