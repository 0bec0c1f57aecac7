import { GraphQLError } from 'graphql';
import type { RequestDatabase } from '../../database/request-database';
import { ActivityType } from '../../entities/enums';
import { ErrorCode, forbidden } from '../../errors/error-code';
import { canComplete, price, progress, totalProblem } from '../../runtime';
import { answerProblemsError } from './answer-problems';
import { sessionConflict } from './session-access';
import type { SessionSnapshot } from './session-snapshot';
import type { ChangeContext, SessionWriter } from './session-writer';
import { countCompletion, type WizardCounterFolder } from './wizard-counters';

export interface VersionedInput {
  sessionId: number;
  expectedVersion: number;
}

function requireSaveProgress(context: ChangeContext): void {
  if (!context.snapshot.model.wizard.allowSaveProgress)
    throw forbidden('This wizard does not allow saving progress');
}

/** Pausing, resuming, completing and deleting sessions. */
export class SessionLifecycleService {
  constructor(
    private readonly writer: SessionWriter,
    private readonly counters: WizardCounterFolder,
  ) {}

  async pause(db: RequestDatabase, input: VersionedInput): Promise<SessionSnapshot> {
    const { snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      {},
      (context) => {
        requireSaveProgress(context);
        this.writer.touch(context, { pausedAt: context.now });
        const stepId = context.session.currentStepId;
        return {
          result: null,
          activity: { type: ActivityType.SESSION_PAUSED, details: { stepId } },
        };
      },
    );
    return snapshot;
  }

  async resume(db: RequestDatabase, input: VersionedInput): Promise<SessionSnapshot> {
    const { snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      { allowPaused: true },
      (context) => {
        requireSaveProgress(context);
        const { session, now } = context;
        if (!session.pausedAt)
          throw sessionConflict('The session is not paused', 'NOT_PAUSED', session);
        const pausedSeconds = Math.round((now.getTime() - session.pausedAt.getTime()) / 1000);
        // Time spent on the step is measured afresh: the pause does not count.
        this.writer.touch(context, { pausedAt: null, stepEnteredAt: now });
        return {
          result: null,
          activity: {
            type: ActivityType.SESSION_RESUMED,
            details: { stepId: session.currentStepId, pausedSeconds },
          },
        };
      },
    );
    return snapshot;
  }

  /**
   * Completes a session whose every step on the path is answered or legitimately skipped and
   * whose flow has ended; its share of the wizard's counters is written in the same transaction.
   */
  async complete(db: RequestDatabase, input: VersionedInput): Promise<SessionSnapshot> {
    const { snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      {},
      (context) => {
        const { model, state } = context.snapshot;
        const verdict = canComplete(model, state);
        if (!verdict.ok) throw incomplete(verdict.missing);
        const { session, now } = context;
        const started = session.startedAt ?? now;
        const minutes = Math.max(0, Math.round((now.getTime() - started.getTime()) / 60_000));
        const total = price(model, state);
        // Prices raised since the answers were given can take the total past what is stored.
        const overLimit = totalProblem(total);
        if (overLimit) throw answerProblemsError([overLimit], {}, [], 'sessionId');
        this.writer.touch(context, {
          isCompleted: true,
          completedAt: now,
          completionTimeMinutes: minutes,
          totalPrice: total.total,
          draftStepId: null,
          draftAnswers: null,
          draftEncrypted: null,
        });
        // A delta row, counted from its commit on and folded later (see WizardCounterFolder).
        countCompletion(context.writes, session, minutes);
        context.afterCommit(() => this.counters.committed(session.wizardId));
        return {
          result: null,
          activity: {
            type: ActivityType.SESSION_COMPLETED,
            details: {
              totalPrice: total.total,
              completionTimeMinutes: minutes,
              stepsDone: progress(model, state).done,
            },
          },
        };
      },
    );
    return snapshot;
  }

  /** Soft delete: the session disappears from every query; its activity rows stay. */
  async delete(db: RequestDatabase, input: VersionedInput): Promise<number> {
    await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      { allowPaused: true, allowReadOnly: true, ownerOnly: 'deletes it' },
      (context) => {
        this.writer.touch(context, { deletedAt: context.now });
        const { session } = context;
        return {
          result: null,
          activity: {
            type: ActivityType.SESSION_DELETED,
            details: { wasCompleted: session.isCompleted, stepId: session.currentStepId },
          },
        };
      },
    );
    return input.sessionId;
  }
}

function incomplete(missing: { stepId: number; stepKey: string; reason: string }[]): GraphQLError {
  const list = missing.map((step) => `${step.stepKey || 'start'} (${step.reason})`).join(', ');
  return new GraphQLError(`The session cannot complete yet: ${list}`, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      fields: [{ field: 'sessionId', message: 'steps on the path are not done' }],
      missing: missing.map((step) => ({ ...step, stepId: String(step.stepId) })),
    },
  });
}
