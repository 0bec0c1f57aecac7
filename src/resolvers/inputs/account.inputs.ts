import { Length, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** Long enough to resist guessing; bounded so that hashing cost stays bounded. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

@InputType({ description: 'A new account.' })
export class RegisterInput {
  // Checked as an address by the service, after trimming and lower-casing.
  @Field({ description: 'Email address; stored trimmed and lower-cased.' })
  @MaxLength(320)
  email: string;

  @Field({ description: 'Display name.' })
  @Length(1, 200)
  fullName: string;

  @Field({ description: `Between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters.` })
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType({ description: 'Credentials of an existing account.' })
export class LoginInput {
  @Field({ description: 'Email address (any case).' })
  @MaxLength(255)
  email: string;

  @Field({ description: 'The password.' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType({ description: 'The current password and the new one.' })
export class ChangePasswordInput {
  @Field({ description: 'The current password.' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @Field({
    description: `The new password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  })
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}
