import { Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import { WizardOption, WizardOptionDependency } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { PRELOADABLE } from '../graphql/preloaded-fields';
import type { ParentRow } from './parent-row';

@Resolver(() => WizardOption)
export class WizardOptionResolver {
  @FieldResolver(() => [WizardOptionDependency], {
    description: 'Earlier answers that show, hide, disable or require this option.',
  })
  @Extensions({ [PRELOADABLE]: true })
  dependencies(@Root() option: ParentRow, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.optionDependenciesByOption.load(option.id);
  }
}
