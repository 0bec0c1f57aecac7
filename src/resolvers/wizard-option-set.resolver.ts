import { Arg, Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import { WizardOption, WizardOptionSet, WizardSetDependency } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { requireInactiveAccess } from '../auth/guards';
import { PRELOADABLE } from '../graphql/preloaded-fields';
import type { ParentRow } from './parent-row';

@Resolver(() => WizardOptionSet)
export class WizardOptionSetResolver {
  @FieldResolver(() => [WizardOption], {
    description: 'Options by option order; active ones unless asked.',
  })
  @Extensions({ [PRELOADABLE]: true })
  options(
    @Root() set: ParentRow,
    @Ctx() ctx: GraphQLContext,
    @Arg('includeInactive', { defaultValue: false, description: 'Also list inactive options.' })
    includeInactive: boolean,
  ) {
    if (includeInactive) requireInactiveAccess(ctx.viewer);
    const loader = ctx.loaders.optionsBySet;
    return (includeInactive ? loader.all : loader.active).load(set.id);
  }

  @FieldResolver(() => [WizardSetDependency], {
    description: 'Earlier answers that show, hide or require this set.',
  })
  @Extensions({ [PRELOADABLE]: true })
  dependencies(@Root() set: ParentRow, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.setDependenciesBySet.load(set.id);
  }
}
