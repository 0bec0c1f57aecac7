import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { WizardPayload } from './authoring-payloads';
import { CloneWizardInput, ImportWizardInput } from './inputs/wizard-transfer.inputs';

/** Wizards as key-based definition documents: export, import and clone (authors only). */
@Resolver()
export class WizardTransferResolver {
  @Query(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The whole wizard as a definition document (formatVersion 1, keys instead of ids, inactive ' +
      'parts included); null when there is no such wizard. Authors only (API keys: WIZARDS_READ).',
  })
  wizardDefinition(
    @Arg('wizardId', () => ID, { description: 'The wizard to export.' }) wizardId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.authoring.transfer.exportDefinition(ctx.db, parseId(wizardId, 'wizardId'));
  }

  @Mutation(() => WizardPayload, {
    description:
      'Creates a draft wizard from a definition document; nothing is written when any part of ' +
      'it is wrong (BAD_USER_INPUT lists the problems by document path).',
  })
  async importWizard(
    @Arg('input', { description: 'The document and an optional key.' }) input: ImportWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { definition, key } = input;
    return { wizard: await ctx.services.authoring.transfer.import(ctx.db, definition, key) };
  }

  @Mutation(() => WizardPayload, {
    description: 'Copies a wizard, inactive parts included, as a new draft under a new key.',
  })
  async cloneWizard(
    @Arg('input', { description: 'The source wizard and the new key.' }) input: CloneWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const sourceId = parseId(input.wizardId, 'wizardId');
    const wizard = await ctx.services.authoring.transfer.clone(
      ctx.db,
      sourceId,
      input.newKey,
      input.newName,
    );
    return { wizard };
  }
}
