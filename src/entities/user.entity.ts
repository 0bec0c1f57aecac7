import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { currentTimestamp, nullAsDefault, nullAsFalse } from './column-helpers';
import { checkIn, UserRole } from './enums';

@ObjectType({
  description: 'An account that runs wizard sessions or authors wizards.',
  simpleResolvers: true,
})
@Entity({ name: 'users' })
@Unique('users_email_key', ['email'])
@Check('users_user_role_check', checkIn('user_role', UserRole))
@Index('idx_users_email', ['email'])
@Index('idx_users_role', ['role'])
export class User {
  @Field(() => ID, { description: 'The user id.' })
  @PrimaryGeneratedColumn('increment', { name: 'user_id', primaryKeyConstraintName: 'users_pkey' })
  id: number;

  @Field({ description: 'Login email, stored lower-cased; unique.' })
  @Column({ name: 'email', type: 'varchar', length: 255 })
  email: string;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  @Column({ name: 'full_name', type: 'varchar', length: 200, nullable: true })
  fullName: string | null;

  /** Never a GraphQL field. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Field(() => UserRole, { description: 'What the account may do.' })
  @Column({
    name: 'user_role',
    type: 'varchar',
    length: 20,
    nullable: true,
    default: UserRole.USER,
    transformer: nullAsDefault(UserRole.USER),
  })
  role: UserRole;

  @Field({ description: 'Inactive accounts cannot log in.' })
  @Column({ name: 'is_active', nullable: true, default: true, transformer: nullAsFalse })
  isActive: boolean;

  @Field({
    description:
      'Created by the server for a session of a wizard that needs no login; it cannot sign in.',
  })
  @Column({ name: 'is_guest', type: 'boolean', default: false })
  isGuest: boolean;

  @Field(() => Date, { nullable: true, description: 'When the account was created.' })
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  createdAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the account last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true, default: currentTimestamp })
  updatedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the user last logged in.' })
  @Column({ name: 'last_login', type: 'timestamptz', nullable: true })
  lastLogin: Date | null;
}
