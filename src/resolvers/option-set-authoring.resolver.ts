import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { DeletePayload, OptionSetPayload, ReorderOptionSetsPayload } from './authoring-payloads';
import {
  CreateOptionSetInput,
  DeleteOptionSetInput,
  ReorderOptionSetsInput,
  UpdateOptionSetInput,
} from './inputs/option-set-authoring.inputs';

/** Authoring option sets (ADMIN, or an API key with WIZARDS_WRITE). */
@Resolver()
export class OptionSetAuthoringResolver {
  @Mutation(() => OptionSetPayload, { description: 'Adds an option set to a step.' })
  async createOptionSet(
    @Arg('input', { description: 'The new option set.' }) input: CreateOptionSetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { stepId, position, ...fields } = input;
    const optionSet = await ctx.services.authoring.optionSets.create(
      ctx.db,
      parseId(stepId, 'stepId'),
      fields,
      position,
    );
    return { optionSet };
  }

  @Mutation(() => OptionSetPayload, {
    description: "Changes an option set's fields; the type, bounds and rules must agree.",
  })
  async updateOptionSet(
    @Arg('input', { description: 'The option set and the changes.' }) input: UpdateOptionSetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    const optionSet = await ctx.services.authoring.optionSets.update(ctx.db, parseId(id), changes);
    return { optionSet };
  }

  @Mutation(() => DeletePayload, {
    description:
      'Deletes an option set with its options and dependencies; refused once sessions answered it.',
  })
  async deleteOptionSet(
    @Arg('input', { description: 'The option set.' }) input: DeleteOptionSetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.authoring.optionSets.delete(ctx.db, parseId(input.id)) };
  }

  @Mutation(() => ReorderOptionSetsPayload, {
    description: "Rewrites the order of a step's option sets.",
  })
  async reorderOptionSets(
    @Arg('input', { description: 'The step and its option set ids in order.' })
    input: ReorderOptionSetsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const setIds = input.setIds.map((id) => parseId(id, 'setIds'));
    const optionSets = await ctx.services.authoring.optionSets.reorder(
      ctx.db,
      parseId(input.stepId, 'stepId'),
      setIds,
    );
    return { optionSets };
  }
}
