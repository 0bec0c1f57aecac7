import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { DeletePayload, WizardPayload } from './authoring-payloads';
import {
  CreateWizardInput,
  DeleteWizardInput,
  UpdateWizardInput,
} from './inputs/wizard-authoring.inputs';

/** Authoring wizards (ADMIN, or an API key with WIZARDS_WRITE). */
@Resolver()
export class WizardAuthoringResolver {
  @Mutation(() => WizardPayload, { description: 'Creates a wizard (a draft until published).' })
  async createWizard(
    @Arg('input', { description: 'The new wizard.' }) input: CreateWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { wizard: await ctx.services.authoring.wizards.create(ctx.db, { ...input }) };
  }

  @Mutation(() => WizardPayload, { description: "Changes a wizard's own fields." })
  async updateWizard(
    @Arg('input', { description: 'The wizard and the changes.' }) input: UpdateWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    return { wizard: await ctx.services.authoring.wizards.update(ctx.db, parseId(id), changes) };
  }

  @Mutation(() => DeletePayload, {
    description: 'Deletes a wizard that no session has used (deactivate it otherwise).',
  })
  async deleteWizard(
    @Arg('input', { description: 'The wizard.' }) input: DeleteWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.authoring.wizards.delete(ctx.db, parseId(input.id)) };
  }
}
