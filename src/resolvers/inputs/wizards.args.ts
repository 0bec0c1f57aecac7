import { PageArgs } from './page.args';
import { Type } from 'class-transformer';
import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows a wizard listing; all given conditions must hold.' })
export class WizardFilterInput {
  @Field(() => String, { nullable: true, description: 'Exact category, e.g. "Products".' })
  @IsOptional()
  @MaxLength(100)
  category?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only featured (true) or not featured (false).',
  })
  featured?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only active or inactive wizards (authors).',
  })
  active?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only public or private wizards (authors).',
  })
  public?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text contained in the name.',
  })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@ArgsType()
export class WizardsArgs extends PageArgs {
  @Field(() => WizardFilterInput, { nullable: true, description: 'Conditions on the wizards.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WizardFilterInput)
  filter?: WizardFilterInput | null;
}
