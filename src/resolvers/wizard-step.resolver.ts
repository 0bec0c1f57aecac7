import { Arg, Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import { WizardOptionSet, WizardStep } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { requireInactiveAccess } from '../auth/guards';
import { PRELOADABLE } from '../graphql/preloaded-fields';
import type { ParentRow } from './parent-row';

@Resolver(() => WizardStep)
export class WizardStepResolver {
  @FieldResolver(() => [WizardOptionSet], {
    description: 'Option sets by set order; active ones unless asked.',
  })
  @Extensions({ [PRELOADABLE]: true })
  optionSets(
    @Root() step: ParentRow,
    @Ctx() ctx: GraphQLContext,
    @Arg('includeInactive', { defaultValue: false, description: 'Also list inactive option sets.' })
    includeInactive: boolean,
  ) {
    if (includeInactive) requireInactiveAccess(ctx.viewer);
    const loader = ctx.loaders.optionSetsByStep;
    return (includeInactive ? loader.all : loader.active).load(step.id);
  }
}
