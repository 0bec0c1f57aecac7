import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { UserSessionSummary, WizardSession, WizardSessionActivity } from '../../entities';
import { connectionTypes } from '../../graphql/connection';
import type { GraphQLContext } from '../../graphql/context';
import { parseId, parseOptionalId } from '../../graphql/ids';
import type { MovePayload } from '../../services/sessions/session-runtime.service';
import {
  ActivityLogArgs,
  MySessionsArgs,
  SessionSummariesArgs,
  PreviewStepInput,
  SessionVersionInput,
  SkipStepInput,
  StartSessionInput,
  StepAnswersInput,
} from '../inputs/session.inputs';
import { toGivenAnswers } from './answer-input';
import {
  DeleteSessionPayload,
  SessionMovePayload,
  SessionPayload,
  StartSessionPayload,
  StepPreview,
} from './session-payload.types';
import {
  presentNext,
  presentPrice,
  presentProblem,
  presentProgress,
  presentStepView,
  revealsUserData,
} from './session-presenter';

export const { ConnectionType: WizardSessionConnection } = connectionTypes(
  WizardSession,
  'WizardSession',
  'session',
);
export const { ConnectionType: SessionSummaryConnection } = connectionTypes(
  UserSessionSummary,
  'UserSessionSummary',
  'session summary',
);
export const { ConnectionType: ActivityConnection } = connectionTypes(
  WizardSessionActivity,
  'WizardSessionActivity',
  'activity row',
);

const versioned = (input: SessionVersionInput) => ({
  sessionId: parseId(input.sessionId, 'sessionId'),
  expectedVersion: input.expectedVersion,
});

const stepInput = (input: StepAnswersInput) => ({
  ...versioned(input),
  stepId: parseId(input.stepId, 'stepId'),
  ...toGivenAnswers(input.answers),
});

function movePayload(move: MovePayload) {
  return {
    session: move.snapshot.session,
    next: presentNext(move.snapshot.model, move.next),
    pruned: move.pruned,
    autoAdvanced: move.autoAdvanced ?? false,
  };
}

/** Running sessions: start, read, answer, move, pause, complete, delete. */
@Resolver()
export class SessionResolver {
  @Query(() => WizardSession, {
    description:
      'A session by id (its owner, or an author) or by token (a guest holding it becomes that ' +
      "session's guest for the request).",
  })
  session(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { nullable: true, description: 'The session id.' }) id?: string | null,
    @Arg('token', () => String, { nullable: true, description: 'The session token.' })
    token?: string | null,
  ) {
    return ctx.services.sessions.queries.findOne(ctx.db, {
      id: parseOptionalId(id, 'id'),
      token: token ?? null,
    });
  }

  @Query(() => WizardSessionConnection, { description: "The viewer's sessions, newest first." })
  mySessions(@Args() args: MySessionsArgs, @Ctx() ctx: GraphQLContext) {
    const filter = args.filter ?? {};
    return ctx.services.sessions.queries.mine(
      ctx.db,
      {
        wizardId: parseOptionalId(filter.wizardId, 'filter.wizardId'),
        completed: filter.completed,
      },
      args,
    );
  }

  @Query(() => SessionSummaryConnection, {
    description:
      'Session summaries (steps completed of total) of the sessions one may see, newest first ' +
      '(authors).',
  })
  sessionSummaries(@Args() args: SessionSummariesArgs, @Ctx() ctx: GraphQLContext) {
    const filter = args.filter ?? {};
    return ctx.services.sessions.queries.summaries(
      ctx.db,
      {
        wizardId: parseOptionalId(filter.wizardId, 'filter.wizardId'),
        userId: parseOptionalId(filter.userId, 'filter.userId'),
        completed: filter.completed,
      },
      args,
    );
  }

  @Query(() => ActivityConnection, {
    description:
      "A session's transitions (its owner and authors) or a wizard's (authors), oldest first.",
  })
  activityLog(@Args() args: ActivityLogArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.sessions.queries.activity(
      ctx.db,
      {
        sessionId: parseOptionalId(args.sessionId, 'sessionId'),
        wizardId: parseOptionalId(args.wizardId, 'wizardId'),
      },
      args,
    );
  }

  @Mutation(() => StartSessionPayload, {
    description:
      'Starts a session on the first active step. Without signing in, only on wizards that do ' +
      'not require login: the session then belongs to a new guest and its token is the credential.',
  })
  async startSession(
    @Arg('input', { description: 'The wizard and the session.' }) input: StartSessionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { snapshot, sessionToken } = await ctx.services.sessions.start.start(ctx.db, {
      wizardId: parseOptionalId(input.wizardId, 'wizardId'),
      wizardKey: input.wizardKey,
      name: input.sessionName,
      description: input.sessionDescription,
      storeUserData: input.storeUserData,
    });
    return { session: snapshot.session, sessionToken };
  }

  @Mutation(() => SessionMovePayload, {
    description:
      'Auto-save: keeps partial answers of the current step without checking them. On an ' +
      'auto-advance step, a valid single choice is submitted instead (autoAdvanced).',
  })
  async saveDraft(
    @Arg('input', { description: 'The answers so far.' }) input: StepAnswersInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return movePayload(await ctx.services.sessions.runtime.saveDraft(ctx.db, stepInput(input)));
  }

  @Mutation(() => SessionMovePayload, {
    description:
      "Records a step's answers after checking every set, follows the flow rules and says " +
      'which rule fired (or the default order). Earlier answers that no longer apply are pruned.',
  })
  async submitStep(
    @Arg('input', { description: 'The answers.' }) input: StepAnswersInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return movePayload(await ctx.services.sessions.runtime.submitStep(ctx.db, stepInput(input)));
  }

  @Mutation(() => StepPreview, {
    description: 'What submitStep would do with these answers; saves nothing.',
  })
  async previewStep(
    @Arg('input', { description: 'The answers to try.' }) input: PreviewStepInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const preview = await ctx.services.sessions.runtime.previewStep(ctx.db, {
      sessionId: parseId(input.sessionId, 'sessionId'),
      stepId: parseId(input.stepId, 'stepId'),
      expectedVersion: input.expectedVersion,
      ...toGivenAnswers(input.answers),
    });
    const { snapshot } = preview;
    const reveal = revealsUserData(ctx.db, snapshot);
    return {
      ok: preview.ok,
      problems: preview.problems.map(presentProblem),
      view: presentStepView(snapshot.model, preview.view, { reveal }),
      next: presentNext(snapshot.model, preview.next),
      nextView: presentStepView(snapshot.model, preview.nextView, { reveal }),
      price: presentPrice(preview.price),
      progress: presentProgress(preview.progress),
      pruned: preview.pruned,
    };
  }

  @Mutation(() => SessionMovePayload, {
    description: 'Back to the previous visited step (where the current step allows it).',
  })
  async goBack(
    @Arg('input', { description: 'The session.' }) input: SessionVersionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return movePayload(await ctx.services.sessions.runtime.goBack(ctx.db, versioned(input)));
  }

  @Mutation(() => SessionMovePayload, {
    description: 'Skips the current step, if it is not required or an OPTIONAL rule led to it.',
  })
  async skipStep(
    @Arg('input', { description: 'The session and the reason.' }) input: SkipStepInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return movePayload(
      await ctx.services.sessions.runtime.skipStep(ctx.db, {
        ...versioned(input),
        stepId: parseOptionalId(input.stepId, 'stepId'),
        reason: input.reason,
      }),
    );
  }

  @Mutation(() => SessionPayload, {
    description: 'Pauses a session (wizards that allow saving progress).',
  })
  async pauseSession(
    @Arg('input', { description: 'The session.' }) input: SessionVersionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const snapshot = await ctx.services.sessions.lifecycle.pause(ctx.db, versioned(input));
    return { session: snapshot.session };
  }

  @Mutation(() => SessionPayload, { description: 'Resumes a paused session.' })
  async resumeSession(
    @Arg('input', { description: 'The session.' }) input: SessionVersionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const snapshot = await ctx.services.sessions.lifecycle.resume(ctx.db, versioned(input));
    return { session: snapshot.session };
  }

  @Mutation(() => SessionPayload, {
    description:
      'Completes a session whose required steps on the path are answered or legitimately ' +
      'skipped; records the total price and completion time.',
  })
  async completeSession(
    @Arg('input', { description: 'The session.' }) input: SessionVersionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const snapshot = await ctx.services.sessions.lifecycle.complete(ctx.db, versioned(input));
    return { session: snapshot.session };
  }

  @Mutation(() => DeleteSessionPayload, {
    description: 'Deletes a session (it disappears from every query; its activity log stays).',
  })
  async deleteSession(
    @Arg('input', { description: 'The session.' }) input: SessionVersionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.sessions.lifecycle.delete(ctx.db, versioned(input)) };
  }
}
