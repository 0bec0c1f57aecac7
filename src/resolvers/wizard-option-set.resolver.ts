import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { WizardOption, WizardOptionSet, WizardSetDependency } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { selectsField } from '../graphql/selection';
import { preloadChildren } from '../loaders/preload';
import type { ParentRow } from './parent-row';

@Resolver(() => WizardOptionSet)
export class WizardOptionSetResolver {
  @FieldResolver(() => [WizardOption], {
    description: 'Options by option order; active ones unless asked.',
  })
  async options(
    @Root() set: ParentRow,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('includeInactive', { defaultValue: false, description: 'Also list inactive options.' })
    includeInactive: boolean,
  ) {
    const loader = ctx.loaders.optionsBySet;
    const options = await (includeInactive ? loader.all : loader.active).load(set.id);
    if (selectsField(info, 'dependencies')) {
      await preloadChildren(options, 'dependencies', ctx.loaders.optionDependenciesByOption);
    }
    return options;
  }

  @FieldResolver(() => [WizardSetDependency], {
    description: 'Earlier answers that show, hide or require this set.',
  })
  dependencies(@Root() set: ParentRow, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.setDependenciesBySet.load(set.id);
  }
}
