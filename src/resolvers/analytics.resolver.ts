import { LocalDateResolver } from 'graphql-scalars';
import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { WizardAnalytics } from '../entities';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';

@ObjectType({ description: "One step of a wizard's funnel (sessions whose path reached it)." })
class FunnelStep {
  @Field(() => ID, { description: 'The step id.' })
  id: number;

  @Field({ description: 'The step key.' })
  stepKey: string;

  @Field({ description: 'The step name.' })
  stepName: string;

  @Field(() => Int, { description: 'Sessions whose path reached the step.' })
  reached: number;

  @Field(() => Int, { description: 'Sessions that answered it.' })
  completed: number;

  @Field(() => Int, { description: 'Sessions that skipped it.' })
  skipped: number;

  @Field(() => Int, { description: 'Abandoned sessions that stood on it.' })
  abandoned: number;
}

@InputType({ description: 'The day to roll up.' })
class RollupAnalyticsInput {
  @Field(() => LocalDateResolver, { description: 'The day (UTC), today or earlier.' })
  date: string;
}

@ObjectType({ description: 'The rolled-up day.' })
class RollupAnalyticsPayload {
  @Field(() => [WizardAnalytics], { description: "Every wizard's row for the day." })
  rows: WizardAnalytics[];
}

/** Daily analytics and funnels (authors; API keys with ANALYTICS_READ). */
@Resolver()
export class AnalyticsResolver {
  @Query(() => [WizardAnalytics], {
    description: "A wizard's daily figures, one row per day of the range (zeros where idle).",
  })
  wizardAnalytics(
    @Arg('wizardId', () => ID, { description: 'The wizard.' }) wizardId: string,
    @Arg('from', () => LocalDateResolver, { description: 'First day (UTC).' }) from: string,
    @Arg('to', () => LocalDateResolver, { description: 'Last day (UTC), inclusive.' }) to: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.analytics.daily(ctx.db, parseId(wizardId, 'wizardId'), from, to);
  }

  @Query(() => [FunnelStep], {
    description:
      'For each active step: sessions started in the range whose path reached it, completed it, ' +
      'skipped it, and abandoned there (branch-aware).',
  })
  async wizardFunnel(
    @Arg('wizardId', () => ID, { description: 'The wizard.' }) wizardId: string,
    @Arg('from', () => LocalDateResolver, { description: 'First start day (UTC).' }) from: string,
    @Arg('to', () => LocalDateResolver, { description: 'Last start day (UTC), inclusive.' })
    to: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const steps = await ctx.services.analytics.funnel(
      ctx.db,
      parseId(wizardId, 'wizardId'),
      from,
      to,
    );
    return steps.map(({ stepId, ...step }) => ({ id: stepId, ...step }));
  }

  @Mutation(() => RollupAnalyticsPayload, {
    description: 'Rolls one day up now (the server also does so on its schedule); idempotent.',
  })
  async rollupAnalytics(
    @Arg('input', { description: 'The day.' }) input: RollupAnalyticsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { rows: await ctx.services.analytics.rollup(ctx.db, input.date) };
  }
}
