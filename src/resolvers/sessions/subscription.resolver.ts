import { Arg, Field, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { hasScope, isAuthor } from '../../auth/viewer';
import { WizardSessionActivity } from '../../entities';
import { ApiScope } from '../../entities/api-scope';
import { ActivityType } from '../../entities/enums';
import { badUserInput, forbidden, notFound, unauthenticated } from '../../errors/error-code';
import { LatestValueStream } from '../../events/latest-value-stream';
import { sessionEvents, type BacklogLimit, type SessionEvent } from '../../events/session-events';
import type { GraphQLContext } from '../../graphql/context';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { parseId } from '../../graphql/ids';
import { price, progress } from '../../runtime';
import { encodeCursor } from '../../services/pagination';
import { visibleSession } from '../../services/sessions/session-access';
import { presentProgress } from './session-presenter';
import { SessionProgress } from './session-view.types';

@ObjectType({ description: 'A transition of a session, as its progress stream reports it.' })
class SessionProgressEvent {
  @Field({ description: "The activity row's cursor: activityLog(sessionId, after:) fills a gap." })
  cursor: string;

  @Field(() => ActivityType, { description: 'What happened.' })
  type: ActivityType;

  @Field(() => ID, { description: 'The session.' })
  sessionId: number;

  @Field(() => ID, { nullable: true, description: 'The step the session stands on now.' })
  currentStepId: number | null;

  @Field(() => Int, { description: "The session's version after the change." })
  version: number;

  @Field(() => SessionProgress, { description: 'Progress now.' })
  progress: SessionProgress;

  @Field(() => DecimalScalar, { description: 'The running price now.' })
  price: string;
}

/** A WebSocket operation's limit on waiting events (subscriptions exist only over graphql-ws). */
function backlogLimit(ctx: GraphQLContext): BacklogLimit {
  if (!ctx.live) throw badUserInput('Subscriptions are served over graphql-ws on the same path');
  return ctx.live;
}

/**
 * Streams one kind of event for as long as the viewer may see it: each event is checked again in
 * a fresh transaction (a revoked share, a deactivated account or a lost role ends the stream with
 * its error), and the request's connection is given back between events. Written as an iterator
 * rather than a generator so that a client leaving ends it at once, even while it waits.
 */
function checkedStream<T>(
  ctx: GraphQLContext,
  matches: (event: SessionEvent) => boolean,
  render: (event: SessionEvent) => Promise<T>,
): AsyncIterableIterator<T> {
  const events = sessionEvents.events(matches, backlogLimit(ctx));
  return {
    async next(): Promise<IteratorResult<T>> {
      const item = await events.next();
      if (item.done) return { done: true, value: undefined };
      try {
        await ctx.services.viewerCurrency.assertCurrent(ctx.viewer);
        return { done: false, value: await render(item.value) };
      } catch (error) {
        await events.return();
        throw error;
      } finally {
        await ctx.db.finish();
      }
    },
    return: async (): Promise<IteratorResult<T>> => {
      await events.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function progressStream(ctx: GraphQLContext, rawId: string) {
  const sessionId = parseId(rawId, 'sessionId');
  // Checked when subscribing, so a refusal is an error now rather than a silent stream.
  try {
    await visibleSession(ctx.db, sessionId);
  } finally {
    await ctx.db.finish();
  }
  return checkedStream(
    ctx,
    (event) => event.sessionId === sessionId,
    async (event): Promise<SessionProgressEvent> => {
      const session = await visibleSession(ctx.db, sessionId).catch((error: unknown) => {
        // Deleted: the SESSION_DELETED event still goes out, then the stream ends.
        if (event.type === ActivityType.SESSION_DELETED) return null;
        throw error;
      });
      if (!session)
        return {
          cursor: encodeCursor('activity', event.logId),
          type: event.type,
          sessionId,
          currentStepId: null,
          version: event.version,
          progress: { stepsDone: 0, stepsRemaining: 0, totalSteps: 0, percent: 0 },
          price: '0.00',
        };
      const { model, state } = await ctx.services.sessions.snapshots.load(ctx.db, session);
      return {
        cursor: encodeCursor('activity', event.logId),
        type: event.type,
        sessionId,
        currentStepId: session.currentStepId,
        // The version this change made, not the session's now: a later change may have
        // committed before this event is rendered (the other fields say "now").
        version: event.version,
        progress: presentProgress(progress(model, state)),
        price: price(model, state).total,
      };
    },
  );
}

function requireActivityReader(ctx: GraphQLContext): void {
  const viewer = ctx.viewer;
  if (viewer.kind !== 'user') throw unauthenticated();
  if (!isAuthor(viewer)) throw forbidden("Only authors (ADMIN) follow a wizard's activity");
  if (!hasScope(viewer, ApiScope.SESSIONS_READ))
    throw forbidden('This API key lacks the SESSIONS_READ scope');
}

/** The wizard an author follows, checked when subscribing. */
async function followedWizard(ctx: GraphQLContext, rawId: string): Promise<number> {
  const wizardId = parseId(rawId, 'wizardId');
  requireActivityReader(ctx);
  try {
    const wizard = await ctx.services.wizards.findOne(ctx.db, { id: wizardId });
    if (!wizard) throw notFound('Wizard', wizardId);
  } finally {
    await ctx.db.finish();
  }
  return wizardId;
}

async function activityStream(ctx: GraphQLContext, rawId: string) {
  const wizardId = await followedWizard(ctx, rawId);
  return checkedStream(
    ctx,
    (event) => event.wizardId === wizardId,
    async (event) => {
      // followedWizard required an author; checkedStream has just confirmed the role still holds.
      const row = await ctx.services.activityFeed.forAuthor(event.logId);
      if (!row) throw notFound('WizardSessionActivity', event.logId);
      return row;
    },
  );
}

@ObjectType({ description: "A wizard's figures right now." })
class WizardLiveStats {
  @Field(() => ID, { description: 'The wizard.' })
  wizardId: number;

  @Field(() => Int, {
    description: 'Sessions running now: not completed or paused, changed in the last 30 minutes.',
  })
  activeNow: number;

  @Field(() => Int, { description: 'Sessions started today (UTC).' })
  startsToday: number;

  @Field(() => Int, { description: 'Sessions completed today (UTC).' })
  completionsToday: number;

  @Field({ description: "Of today's starts, the share already abandoned (0 to 1)." })
  abandonRate: number;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Mean minutes of today's completions.",
  })
  avgCompletionMinutes: string | null;

  @Field(() => Date, { description: 'When the figures were read.' })
  asOf: Date;
}

/** How often a live-stats stream may push: at most four times a second. */
const LIVE_STATS_GAP_MS = 250;

async function liveStatsStream(ctx: GraphQLContext, rawId: string) {
  const wizardId = await followedWizard(ctx, rawId);
  // The current figures first, then again after changes (coalesced).
  const stream: LatestValueStream<WizardLiveStats> = new LatestValueStream(
    async () => {
      try {
        await ctx.services.viewerCurrency.assertCurrent(ctx.viewer);
        return await ctx.services.analytics.live(ctx.db, wizardId);
      } finally {
        await ctx.db.finish();
      }
    },
    LIVE_STATS_GAP_MS,
    () => stop(),
  );
  const stop = sessionEvents.listen((event) => {
    if (event.wizardId === wizardId) stream.changed();
  });
  return stream;
}

/** Live events over graphql-ws (published after each change commits). */
@Resolver()
export class SessionSubscriptionResolver {
  @Subscription(() => SessionProgressEvent, {
    description:
      "A session's transitions as they happen (its owner, a share holder who may view it, or an " +
      'author). Each event carries the activity cursor.',
    subscribe: ({ args, context }) =>
      progressStream(context as GraphQLContext, (args as { sessionId: string }).sessionId),
  })
  sessionProgress(
    @Root() event: SessionProgressEvent,
    @Arg('sessionId', () => ID, { description: 'The session.' }) _sessionId: string,
  ): SessionProgressEvent {
    return event;
  }

  @Subscription(() => WizardSessionActivity, {
    description: "Every activity row of a wizard's sessions as it is written (authors).",
    subscribe: ({ args, context }) =>
      activityStream(context as GraphQLContext, (args as { wizardId: string }).wizardId),
  })
  wizardActivity(
    @Root() row: WizardSessionActivity,
    @Arg('wizardId', () => ID, { description: 'The wizard.' }) _wizardId: string,
  ): WizardSessionActivity {
    return row;
  }

  @Subscription(() => WizardLiveStats, {
    description:
      "A wizard's figures now (authors): sent when subscribing, then on every change, at most " +
      'four times a second.',
    subscribe: ({ args, context }) =>
      liveStatsStream(context as GraphQLContext, (args as { wizardId: string }).wizardId),
  })
  wizardLiveStats(
    @Root() stats: WizardLiveStats,
    @Arg('wizardId', () => ID, { description: 'The wizard.' }) _wizardId: string,
  ): WizardLiveStats {
    return stats;
  }
}
