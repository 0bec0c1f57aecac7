import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Wizard, WizardFlowRule, WizardStep } from '../entities';
import { connectionTypes } from '../graphql/connection';
import type { GraphQLContext } from '../graphql/context';
import type { ParentRow } from './parent-row';
import { parseId } from '../graphql/ids';
import { requireInactiveAccess } from '../auth/guards';
import { preloadTree } from '../loaders/tree-preload';
import { STEP_CHILDREN } from '../loaders/wizard-tree.plan';
import { WizardsArgs } from './inputs/wizards.args';
import type { WizardCounts } from '../loaders/wizard.loaders';

export const { ConnectionType: WizardConnection } = connectionTypes(Wizard, 'Wizard', 'wizard');

const INCLUDE_INACTIVE = 'Also list inactive entries (for authors reviewing a definition).';

@Resolver(() => Wizard)
export class WizardResolver {
  @Query(() => WizardConnection, {
    description: 'Wizards the viewer may see, oldest first, a page at a time.',
  })
  wizards(@Args() args: WizardsArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.wizards.list(ctx.db, args.filter ?? {}, args);
  }

  @Query(() => Wizard, {
    nullable: true,
    description: 'One wizard by id or by key (give exactly one); null when there is none.',
  })
  wizard(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { nullable: true, description: 'The wizard id.' }) id?: string | null,
    @Arg('key', () => String, { nullable: true, description: 'The wizard key.' })
    key?: string | null,
  ) {
    return ctx.services.wizards.findOne(ctx.db, { id: id == null ? null : parseId(id), key });
  }

  @FieldResolver(() => [WizardStep], {
    description: 'Steps by step order; active ones unless asked.',
  })
  async steps(
    @Root() wizard: ParentRow,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('includeInactive', { defaultValue: false, description: INCLUDE_INACTIVE })
    includeInactive: boolean,
  ) {
    if (includeInactive) requireInactiveAccess(ctx.viewer);
    const loader = ctx.loaders.stepsByWizard;
    const steps = await (includeInactive ? loader.all : loader.active).load(wizard.id);
    await preloadTree(steps, info.fieldNodes, STEP_CHILDREN, info, ctx.loaders, () =>
      requireInactiveAccess(ctx.viewer),
    );
    return steps;
  }

  @FieldResolver(() => [WizardFlowRule], {
    description: 'Flow rules between the steps; active ones unless asked.',
  })
  flowRules(
    @Root() wizard: ParentRow,
    @Ctx() ctx: GraphQLContext,
    @Arg('includeInactive', { defaultValue: false, description: INCLUDE_INACTIVE })
    includeInactive: boolean,
  ) {
    if (includeInactive) requireInactiveAccess(ctx.viewer);
    const loader = ctx.loaders.flowRulesByWizard;
    return (includeInactive ? loader.all : loader.active).load(wizard.id);
  }

  @FieldResolver(() => Int, { description: 'Sessions ever started.' })
  async totalStarts(@Root() wizard: CounterRow, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await counts(wizard, ctx)).starts;
  }

  @FieldResolver(() => Int, { description: 'Sessions ever completed.' })
  async totalCompletions(@Root() wizard: CounterRow, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await counts(wizard, ctx)).completions;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Average minutes from start to completion.',
  })
  async avgCompletionTimeMinutes(
    @Root() wizard: CounterRow,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number | null> {
    return (await counts(wizard, ctx)).avgCompletionMinutes;
  }

  @FieldResolver(() => Int, { description: 'Number of active steps (from v_wizard_overview).' })
  async totalSteps(@Root() wizard: ParentRow, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.loaders.overviewByWizard.load(wizard.id))?.totalSteps ?? 0;
  }

  @FieldResolver(() => Int, {
    description:
      'Number of saved templates the viewer may see: public ones and their own; all for authors (from v_wizard_overview).',
  })
  async totalTemplates(@Root() wizard: ParentRow, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.loaders.overviewByWizard.load(wizard.id))?.totalTemplates ?? 0;
  }
}

/** The row's counters plus the deltas not folded yet: one statement for every wizard on the page. */
async function counts(wizard: CounterRow, ctx: GraphQLContext): Promise<WizardCounts> {
  const current = await ctx.loaders.countsByWizard.load(wizard.id);
  // Null only for a wizard deleted since it was read: its counters as of that read.
  return (
    current ?? {
      wizardId: wizard.id,
      starts: wizard.totalStarts,
      completions: wizard.totalCompletions,
      avgCompletionMinutes: wizard.avgCompletionTimeMinutes,
    }
  );
}

/** A wizard row as its loader returned it (structural: see ParentRow). */
type CounterRow = ParentRow &
  Pick<Wizard, 'totalStarts' | 'totalCompletions' | 'avgCompletionTimeMinutes'>;
