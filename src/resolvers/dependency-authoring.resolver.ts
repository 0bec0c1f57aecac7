import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { DeletePayload, OptionDependencyPayload, SetDependencyPayload } from './authoring-payloads';
import {
  CreateOptionDependencyInput,
  CreateSetDependencyInput,
  DeleteDependencyInput,
  UpdateOptionDependencyInput,
  UpdateSetDependencyInput,
} from './inputs/dependency-authoring.inputs';

const maybeId = (value: string | null | undefined, field: string) =>
  value == null ? null : parseId(value, field);

function changesOf(input: UpdateOptionDependencyInput | UpdateSetDependencyInput) {
  return {
    dependsOnOptionId: maybeId(input.dependsOnOptionId, 'dependsOnOptionId') ?? undefined,
    dependsOnStepId: maybeId(input.dependsOnStepId, 'dependsOnStepId'),
    type: input.type ?? undefined,
  };
}

/** Authoring visibility dependencies of options and sets (ADMIN, or WIZARDS_WRITE keys). */
@Resolver()
export class DependencyAuthoringResolver {
  @Mutation(() => OptionDependencyPayload, {
    description: 'Makes an option depend on an option of an earlier step.',
  })
  async createOptionDependency(
    @Arg('input', { description: 'The dependency.' }) input: CreateOptionDependencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const dependency = await ctx.services.authoring.dependencies.create(ctx.db, 'option', {
      targetId: parseId(input.optionId, 'optionId'),
      dependsOnOptionId: parseId(input.dependsOnOptionId, 'dependsOnOptionId'),
      dependsOnStepId: maybeId(input.dependsOnStepId, 'dependsOnStepId'),
      type: input.type,
    });
    return { dependency };
  }

  @Mutation(() => SetDependencyPayload, {
    description: 'Makes an option set depend on an option of an earlier step.',
  })
  async createSetDependency(
    @Arg('input', { description: 'The dependency.' }) input: CreateSetDependencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const dependency = await ctx.services.authoring.dependencies.create(ctx.db, 'set', {
      targetId: parseId(input.setId, 'setId'),
      dependsOnOptionId: parseId(input.dependsOnOptionId, 'dependsOnOptionId'),
      dependsOnStepId: maybeId(input.dependsOnStepId, 'dependsOnStepId'),
      type: input.type,
    });
    return { dependency };
  }

  @Mutation(() => OptionDependencyPayload, { description: 'Changes an option dependency.' })
  async updateOptionDependency(
    @Arg('input', { description: 'The dependency and the changes.' })
    input: UpdateOptionDependencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = parseId(input.id);
    const dependency = await ctx.services.authoring.dependencies.update(
      ctx.db,
      'option',
      id,
      changesOf(input),
    );
    return { dependency };
  }

  @Mutation(() => SetDependencyPayload, { description: 'Changes a set dependency.' })
  async updateSetDependency(
    @Arg('input', { description: 'The dependency and the changes.' })
    input: UpdateSetDependencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = parseId(input.id);
    const dependency = await ctx.services.authoring.dependencies.update(
      ctx.db,
      'set',
      id,
      changesOf(input),
    );
    return { dependency };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes an option dependency.' })
  async deleteOptionDependency(
    @Arg('input', { description: 'The dependency.' }) input: DeleteDependencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = parseId(input.id);
    return { deletedId: await ctx.services.authoring.dependencies.delete(ctx.db, 'option', id) };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a set dependency.' })
  async deleteSetDependency(
    @Arg('input', { description: 'The dependency.' }) input: DeleteDependencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = parseId(input.id);
    return { deletedId: await ctx.services.authoring.dependencies.delete(ctx.db, 'set', id) };
  }
}
