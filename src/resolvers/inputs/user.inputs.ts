import { PageArgs } from './page.args';
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { UserRole } from '../../entities/enums';

@InputType({ description: 'Narrows a user listing; all given conditions must hold.' })
export class UserFilterInput {
  @Field(() => UserRole, { nullable: true, description: 'Only users with this role.' })
  role?: UserRole | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only active (true) or inactive (false) users.',
  })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Text contained in the email or the name.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserFilterInput, { nullable: true, description: 'Conditions on the users.' })
  filter?: UserFilterInput | null;
}

@InputType({ description: 'A new role for another user.' })
export class SetUserRoleInput {
  @Field(() => ID, { description: 'The user.' })
  userId: string;

  @Field(() => UserRole, { description: 'The role to give.' })
  role: UserRole;
}

@InputType({ description: 'Activates or deactivates another user.' })
export class SetUserActiveInput {
  @Field(() => ID, { description: 'The user.' })
  userId: string;

  @Field({ description: 'False deactivates: the user can no longer log in, tokens stop working.' })
  isActive: boolean;
}
