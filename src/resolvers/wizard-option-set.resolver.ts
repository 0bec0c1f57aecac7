import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { WizardOption, WizardOptionSet, WizardSetDependency } from '../entities';
import type { GraphQLContext } from '../graphql/context';

@Resolver(() => WizardOptionSet)
export class WizardOptionSetResolver {
  @FieldResolver(() => [WizardOption], {
    description: 'Options by option order; active ones unless asked.',
  })
  options(
    @Root() set: WizardOptionSet,
    @Ctx() ctx: GraphQLContext,
    @Arg('includeInactive', { defaultValue: false, description: 'Also list inactive options.' })
    includeInactive: boolean,
  ) {
    const loader = ctx.loaders.optionsBySet;
    return (includeInactive ? loader.all : loader.active).load(set.id);
  }

  @FieldResolver(() => [WizardSetDependency], {
    description: 'Earlier answers that show, hide or require this set.',
  })
  dependencies(@Root() set: WizardOptionSet, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.setDependenciesBySet.load(set.id);
  }
}
