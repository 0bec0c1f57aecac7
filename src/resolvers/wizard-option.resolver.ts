import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { WizardOption, WizardOptionDependency } from '../entities';
import type { GraphQLContext } from '../graphql/context';

@Resolver(() => WizardOption)
export class WizardOptionResolver {
  @FieldResolver(() => [WizardOptionDependency], {
    description: 'Earlier answers that show, hide, disable or require this option.',
  })
  dependencies(@Root() option: WizardOption, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.optionDependenciesByOption.load(option.id);
  }
}
