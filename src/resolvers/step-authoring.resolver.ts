import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { DeletePayload, ReorderStepsPayload, StepPayload } from './authoring-payloads';
import {
  CreateStepInput,
  DeleteStepInput,
  ReorderStepsInput,
  UpdateStepInput,
} from './inputs/step-authoring.inputs';

/** Authoring steps (ADMIN, or an API key with WIZARDS_WRITE). */
@Resolver()
export class StepAuthoringResolver {
  @Mutation(() => StepPayload, { description: 'Adds a step to a wizard.' })
  async createStep(
    @Arg('input', { description: 'The new step.' }) input: CreateStepInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { wizardId, position, ...fields } = input;
    const step = await ctx.services.authoring.steps.create(
      ctx.db,
      parseId(wizardId, 'wizardId'),
      fields,
      position,
    );
    return { step };
  }

  @Mutation(() => StepPayload, { description: "Changes a step's fields." })
  async updateStep(
    @Arg('input', { description: 'The step and the changes.' }) input: UpdateStepInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return { step: await ctx.services.authoring.steps.update(ctx.db, parseId(id), changes) };
  }

  @Mutation(() => DeletePayload, {
    description:
      'Deletes a step with its option sets, options and outgoing rules; refused once sessions used it.',
  })
  async deleteStep(
    @Arg('input', { description: 'The step.' }) input: DeleteStepInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.authoring.steps.delete(ctx.db, parseId(input.id)) };
  }

  @Mutation(() => ReorderStepsPayload, { description: "Rewrites the order of a wizard's steps." })
  async reorderSteps(
    @Arg('input', { description: 'The wizard and its step ids in order.' })
    input: ReorderStepsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const stepIds = input.stepIds.map((id) => parseId(id, 'stepIds'));
    const steps = await ctx.services.authoring.steps.reorder(
      ctx.db,
      parseId(input.wizardId, 'wizardId'),
      stepIds,
    );
    return { steps };
  }
}
