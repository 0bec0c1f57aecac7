import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { User } from './user.entity';

@ObjectType({
  description: 'A wizard definition: a sequence of steps users run sessions through.',
  simpleResolvers: true,
})
@Entity({ name: 'wizards', comment: 'Stores wizard definitions and metadata' })
@Unique('wizards_wizard_key_key', ['key'])
@Index('idx_wizards_key', ['key'])
@Index('idx_wizards_active', ['isActive', 'isPublic'])
@Index('idx_wizards_category', ['category'])
@Index('idx_wizards_featured', ['isFeatured'])
export class Wizard {
  @Field(() => ID, { description: 'The wizard id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'wizard_id',
    primaryKeyConstraintName: 'wizards_pkey',
  })
  id: number;

  @Field({ description: 'Stable, unique, URL-safe key (e.g. "laptop-configurator").' })
  @Column({ name: 'wizard_key', type: 'varchar', length: 100 })
  key: string;

  @Field({ description: 'Display name.' })
  @Column({ name: 'wizard_name', type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Longer description shown before starting.' })
  @Column({ name: 'wizard_description', type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Category used for browsing and filtering.' })
  @Column({ name: 'wizard_category', type: 'varchar', length: 100, nullable: true })
  category: string | null;

  @Field(() => String, { nullable: true, description: 'Icon name for display.' })
  @Column({ name: 'wizard_icon', type: 'varchar', length: 100, nullable: true })
  icon: string | null;

  @Field(() => String, { nullable: true, description: 'Theme colour for display.' })
  @Column({ name: 'wizard_color', type: 'varchar', length: 50, nullable: true })
  color: string | null;

  @Field(() => String, { nullable: true, description: 'Banner image URL.' })
  @Column({ name: 'wizard_banner_image', type: 'varchar', length: 255, nullable: true })
  bannerImage: string | null;

  @Field({ description: 'Whether sessions may be saved and resumed later.' })
  @Column({
    name: 'allow_save_progress',
    nullable: true,
    default: true,
    transformer: nullAsFalse,
  })
  allowSaveProgress: boolean;

  @Field({ description: 'Whether finished sessions may be saved as templates.' })
  @Column({
    name: 'allow_templates',
    nullable: true,
    default: true,
    transformer: nullAsFalse,
  })
  allowTemplates: boolean;

  @Field({ description: 'Whether an account is needed to run it (false allows guest sessions).' })
  @Column({
    name: 'require_login',
    nullable: true,
    default: true,
    transformer: nullAsFalse,
  })
  requireLogin: boolean;

  @Field(() => Int, { nullable: true, description: 'Upper bound on the number of steps.' })
  @Column({ name: 'max_steps', type: 'integer', nullable: true })
  maxSteps: number | null;

  @Field(() => Int, { nullable: true, description: "The author's estimate of minutes to finish." })
  @Column({ name: 'estimated_time_minutes', type: 'integer', nullable: true })
  estimatedTimeMinutes: number | null;

  @Field({ description: 'Inactive wizards cannot be started.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;

  @Field({ description: 'Public wizards are listed for every user once published.' })
  @Column({ name: 'is_public', nullable: true, default: true, transformer: nullAsFalse })
  isPublic: boolean;

  @Field({ description: 'Featured wizards are highlighted in listings.' })
  @Column({
    name: 'is_featured',
    nullable: true,
    default: false,
    transformer: nullAsFalse,
  })
  isFeatured: boolean;

  @Field({ description: 'Definition version, bumped on each publish.' })
  @Column({
    name: 'version',
    type: 'varchar',
    length: 20,
    nullable: true,
    default: '1.0',
    transformer: nullAsDefault('1.0'),
  })
  version: string;

  @Field(() => ID, { nullable: true, description: 'The id of the user who created it.' })
  @Column({ name: 'created_by', type: 'integer', nullable: true })
  @ForeignKey(() => User, { name: 'wizards_created_by_fkey' })
  createdById: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  updatedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was last published; null while a draft.',
  })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  // The three counters are GraphQL fields through WizardResolver (the row's count plus the
  // deltas not folded in yet).
  @Column({
    name: 'total_starts',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  totalStarts: number;

  @Column({
    name: 'total_completions',
    type: 'integer',
    nullable: true,
    default: 0,
    transformer: nullAsDefault(0),
  })
  totalCompletions: number;

  @Column({ name: 'avg_completion_time_minutes', type: 'integer', nullable: true })
  avgCompletionTimeMinutes: number | null;

  /** Sum of completion minutes, so the mean stays exact (not a GraphQL field). */
  @Column({ name: 'completion_minutes_total', type: 'bigint', nullable: true })
  completionMinutesTotal: string | null;

  /** Changes with every change to the definition (triggers); keys the definition cache. */
  @Column({
    name: 'definition_revision',
    type: 'bigint',
    default: () => "nextval('wizard_definition_revision_seq')",
  })
  definitionRevision: string;
}
