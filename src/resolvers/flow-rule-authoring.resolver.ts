import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { DeletePayload, FlowRulePayload } from './authoring-payloads';
import {
  CreateFlowRuleInput,
  DeleteFlowRuleInput,
  UpdateFlowRuleInput,
} from './inputs/flow-rule-authoring.inputs';

const optionalId = (value: string | null | undefined, field: string) =>
  value === undefined ? undefined : value === null ? null : parseId(value, field);

/** Authoring flow rules (ADMIN, or an API key with WIZARDS_WRITE). */
@Resolver()
export class FlowRuleAuthoringResolver {
  @Mutation(() => FlowRulePayload, { description: 'Adds a flow rule between two steps.' })
  async createFlowRule(
    @Arg('input', { description: 'The new rule.' }) input: CreateFlowRuleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { wizardId, fromStepId, toStepId, fromOptionId, ...fields } = input;
    const flowRule = await ctx.services.authoring.flowRules.create(
      ctx.db,
      parseId(wizardId, 'wizardId'),
      {
        ...fields,
        fromStepId: parseId(fromStepId, 'fromStepId'),
        toStepId: parseId(toStepId, 'toStepId'),
        fromOptionId: optionalId(fromOptionId, 'fromOptionId') ?? null,
      },
    );
    return { flowRule };
  }

  @Mutation(() => FlowRulePayload, { description: 'Changes a flow rule.' })
  async updateFlowRule(
    @Arg('input', { description: 'The rule and the changes.' }) input: UpdateFlowRuleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, fromStepId, toStepId, fromOptionId, ...fields } = input;
    const flowRule = await ctx.services.authoring.flowRules.update(ctx.db, parseId(id), {
      ...fields,
      fromStepId: optionalId(fromStepId, 'fromStepId') ?? undefined,
      toStepId: optionalId(toStepId, 'toStepId') ?? undefined,
      fromOptionId: optionalId(fromOptionId, 'fromOptionId'),
    });
    return { flowRule };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a flow rule.' })
  async deleteFlowRule(
    @Arg('input', { description: 'The rule.' }) input: DeleteFlowRuleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.authoring.flowRules.delete(ctx.db, parseId(input.id)) };
  }
}
