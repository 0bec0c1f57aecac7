import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { WizardOption, WizardOptionDependency } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { preloadedOr } from '../loaders/preload';
import type { ParentRow } from './parent-row';

@Resolver(() => WizardOption)
export class WizardOptionResolver {
  @FieldResolver(() => [WizardOptionDependency], {
    description: 'Earlier answers that show, hide, disable or require this option.',
  })
  dependencies(@Root() option: ParentRow, @Ctx() ctx: GraphQLContext) {
    const loader = ctx.loaders.optionDependenciesByOption;
    return preloadedOr(option, 'dependencies', loader, option.id);
  }
}
