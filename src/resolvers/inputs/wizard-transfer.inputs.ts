import { GraphQLJSONObject } from 'graphql-scalars';
import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { WizardKey } from './authoring-rules';

@InputType({ description: 'A wizard definition document to create a new draft wizard from.' })
export class ImportWizardInput {
  @Field(() => GraphQLJSONObject, {
    description:
      'The document, as wizardDefinition returns it (format in the README); checked as a whole ' +
      'before anything is written.',
  })
  definition: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description: "A key for the new wizard instead of the document's own.",
  })
  @IsOptional()
  @WizardKey()
  key?: string | null;
}

@InputType({ description: 'The wizard to copy and the key (and name) of the copy.' })
export class CloneWizardInput {
  @Field(() => ID, { description: 'The wizard to copy.' })
  wizardId: string;

  @Field({
    description: 'Unique key of the copy: lower-case letters, digits, "_" and "-" (1-100).',
  })
  @WizardKey()
  newKey: string;

  @Field(() => String, {
    nullable: true,
    description: "Display name of the copy (1-200 characters); the source's name when omitted.",
  })
  @IsOptional()
  @Length(1, 200)
  newName?: string | null;
}
