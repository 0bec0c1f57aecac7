import { PageArgs } from './page.args';
import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ApiScope } from '../../entities/api-scope';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'A name to recognise the key by (1 to 100 characters).' })
  @Length(1, 100)
  name: string;

  @Field(() => [ApiScope], { description: 'What the key may do (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  scopes: ApiScope[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; omit for never.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'The key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key id.' })
  id: string;
}

@ArgsType()
export class ApiKeysArgs extends PageArgs {}
