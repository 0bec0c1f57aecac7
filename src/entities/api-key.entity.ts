import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApiScope } from './api-scope';
import { currentTimestamp } from './column-helpers';
import { User } from './user.entity';

@ObjectType({
  description: 'A partner API key: authenticates as its owner, restricted to its scopes.',
  simpleResolvers: true,
})
@Entity({ name: 'api_keys', comment: 'Partner API keys (only a hash of the secret is kept)' })
@Unique('api_keys_key_prefix_key', ['prefix'])
@Index('idx_api_keys_user', ['userId'])
export class ApiKey {
  @Field(() => ID, { description: 'The key id.' })
  @PrimaryGeneratedColumn('increment', {
    name: 'api_key_id',
    primaryKeyConstraintName: 'api_keys_pkey',
  })
  id: number;

  @Field(() => ID, { description: 'The owner; the key acts as this user.' })
  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey(() => User, { name: 'api_keys_user_id_fkey', onDelete: 'CASCADE' })
  userId: number;

  @Field({ description: "The owner's name for the key." })
  @Column({ name: 'key_name', type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'The first characters of the secret, to recognise it (not secret).' })
  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  prefix: string;

  /** SHA-256 of the secret (hex); the secret itself is shown once and never stored. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Field(() => [ApiScope], { description: 'What the key may do.' })
  @Column({ name: 'scopes', type: 'text', array: true })
  scopes: ApiScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null is never.' })
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked.' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (to the minute).' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { description: 'When the key was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', default: currentTimestamp })
  createdAt: Date;
}
