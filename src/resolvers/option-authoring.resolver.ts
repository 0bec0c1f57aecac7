import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { DeletePayload, OptionPayload, ReorderOptionsPayload } from './authoring-payloads';
import {
  CreateOptionInput,
  DeleteOptionInput,
  ReorderOptionsInput,
  UpdateOptionInput,
} from './inputs/option-authoring.inputs';

/** Authoring options (ADMIN, or an API key with WIZARDS_WRITE). */
@Resolver()
export class OptionAuthoringResolver {
  @Mutation(() => OptionPayload, {
    description: 'Adds an option to a SINGLE or MULTIPLE option set.',
  })
  async createOption(
    @Arg('input', { description: 'The new option.' }) input: CreateOptionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { setId, position, ...fields } = input;
    const option = await ctx.services.authoring.options.create(
      ctx.db,
      parseId(setId, 'setId'),
      fields,
      position,
    );
    return { option };
  }

  @Mutation(() => OptionPayload, { description: "Changes an option's fields." })
  async updateOption(
    @Arg('input', { description: 'The option and the changes.' }) input: UpdateOptionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return { option: await ctx.services.authoring.options.update(ctx.db, parseId(id), changes) };
  }

  @Mutation(() => DeletePayload, {
    description: 'Deletes an option with its dependencies; refused once sessions chose it.',
  })
  async deleteOption(
    @Arg('input', { description: 'The option.' }) input: DeleteOptionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.authoring.options.delete(ctx.db, parseId(input.id)) };
  }

  @Mutation(() => ReorderOptionsPayload, {
    description: "Rewrites the order of an option set's options.",
  })
  async reorderOptions(
    @Arg('input', { description: 'The option set and its option ids in order.' })
    input: ReorderOptionsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const optionIds = input.optionIds.map((id) => parseId(id, 'optionIds'));
    const options = await ctx.services.authoring.options.reorder(
      ctx.db,
      parseId(input.setId, 'setId'),
      optionIds,
    );
    return { options };
  }
}
