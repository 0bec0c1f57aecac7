import type { RequestDatabase } from '../../database/request-database';
import { ActivityType } from '../../entities/enums';
import { badUserInput, forbidden } from '../../errors/error-code';
import {
  goBack,
  shouldAutoAdvance,
  skip,
  submit,
  viewStep,
  type MoveResult,
  type NextStep,
  type Price,
  type Problem,
  type Progress,
  type Pruned,
  type StepAnswers,
  type StepView,
} from '../../runtime';
import { answerProblemsError } from './answer-problems';
import { assertWritable, visibleSession } from './session-access';
import type { SessionDataCipher } from './session-data-cipher';
import type { StoredDraft } from './session-draft';
import type { SessionSnapshot, SnapshotCache } from './session-snapshot';
import type { ChangeContext, SessionWriter } from './session-writer';
import { draftProblems } from './draft-shape';
import { recordedSteps } from './stored-answers';

/** Answers as given: by set id, and the order they came in (for error paths). */
export interface GivenAnswers {
  answers: StepAnswers;
  order: number[];
}

export interface StepInput extends GivenAnswers {
  sessionId: number;
  stepId: number;
  expectedVersion: number;
}

export interface MovePayload {
  snapshot: SessionSnapshot;
  next: NextStep | null;
  pruned: Pruned;
  autoAdvanced?: boolean;
}

export interface Preview {
  ok: boolean;
  problems: Problem[];
  /** The step as it would look with these answers recorded. */
  view: StepView | null;
  next: NextStep | null;
  nextView: StepView | null;
  price: Price;
  progress: Progress;
  pruned: Pruned;
  /** The session as it is (unchanged). */
  snapshot: SessionSnapshot;
}

/** Seconds on the current step, measured by the server; null for an earlier step re-answered. */
function timeSpent(context: ChangeContext, stepId: number): number | null {
  const { session, now } = context;
  if (session.currentStepId !== stepId || !session.stepEnteredAt) return null;
  return Math.max(0, Math.round((now.getTime() - session.stepEnteredAt.getTime()) / 1000));
}

/** Answering, previewing, drafting, going back and skipping. */
export class SessionRuntimeService {
  constructor(
    private readonly writer: SessionWriter,
    private readonly snapshots: SnapshotCache,
    private readonly cipher: SessionDataCipher,
  ) {}

  /** Records a step's answers and follows the flow; BAD_USER_INPUT lists every problem. */
  async submitStep(db: RequestDatabase, input: StepInput): Promise<MovePayload> {
    const { result, snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      {},
      (context) => this.record(context, input),
    );
    return { snapshot, ...result };
  }

  private record(context: ChangeContext, input: StepInput) {
    const { model, state } = context.snapshot;
    const moved = submit(model, state, input.stepId, input.answers);
    if (!moved.ok) throw answerProblemsError(moved.problems, input.answers, input.order);
    const timeSpentSeconds = timeSpent(context, input.stepId);
    // Rows go in the order the answers were given (the engine keeps them by set id).
    const recorded = moved.state.answers[input.stepId] ?? {};
    const answers = input.order
      .filter((id) => Object.hasOwn(recorded, id))
      .map((id) => recorded[id]);
    this.writer.saveAnswers(context, moved.state, {
      stepId: input.stepId,
      answers,
      timeSpentSeconds,
    });
    const moves = moved.state.currentStepId !== context.session.currentStepId;
    this.writer.touch(context, {
      currentStepId: moved.state.currentStepId,
      totalPrice: moved.price.total,
      recordedStepIds: recordedSteps(moved.state),
      ...(moves ? { stepEnteredAt: context.now } : {}),
      ...this.clearedDraft(context, input.stepId),
    });
    const step = model.steps.find((candidate) => candidate.id === input.stepId)!;
    return {
      result: { next: moved.next, pruned: moved.pruned },
      activity: {
        type: ActivityType.STEP_COMPLETED,
        details: {
          stepId: input.stepId,
          stepKey: step.key,
          next: explained(moved),
          pruned: moved.pruned,
          price: moved.price.total,
          timeSpentSeconds,
        },
      },
    };
  }

  /** The draft goes once its step is answered (or left for good). */
  private clearedDraft(context: ChangeContext, stepId: number) {
    return context.session.draftStepId === stepId
      ? { draftStepId: null, draftAnswers: null, draftEncrypted: null }
      : {};
  }

  /** What submitStep would do, saving nothing: verdict, resulting view, next step, price. */
  async previewStep(
    db: RequestDatabase,
    input: Omit<StepInput, 'expectedVersion'> & { expectedVersion?: number | null },
  ): Promise<Preview> {
    const session = await visibleSession(db, input.sessionId);
    if (input.expectedVersion != null)
      assertWritable(session, input.expectedVersion, new Date(), { allowPaused: true });
    const snapshot = await this.snapshots.load(db, session);
    const { model, state } = snapshot;
    const moved = submit(model, state, input.stepId, input.answers);
    const after = moved.ok ? moved.state : state;
    const next = moved.ok ? moved.next : null;
    return {
      ok: moved.ok,
      problems: moved.problems,
      view: previewView(model, after, input.stepId, input.answers, moved),
      next,
      nextView: next?.stepId ? viewStep(model, after, next.stepId) : null,
      price: moved.price,
      progress: moved.progress,
      pruned: moved.pruned,
      snapshot,
    };
  }

  /**
   * Auto-save: partial answers of the current step, unvalidated beyond their shape. On an
   * auto-advance step a valid single choice is submitted instead, and the session moves on.
   */
  async saveDraft(db: RequestDatabase, input: StepInput): Promise<MovePayload> {
    const { result, snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      {},
      (context) => {
        const { model, state, session } = context.snapshot;
        if (input.stepId !== session.currentStepId)
          throw badUserInput('Drafts are kept for the current step only', [
            { field: 'stepId', message: `the current step is ${session.currentStepId}` },
          ]);
        const shape = draftProblems(model, input.stepId, input.answers, input.order);
        if (shape.length) throw badUserInput(shape[0].message, shape);
        if (shouldAutoAdvance(model, state, input.stepId, input.answers)) {
          const recorded = this.record(context, input);
          return { ...recorded, result: { ...recorded.result, autoAdvanced: true } };
        }
        if (!model.wizard.allowSaveProgress)
          throw forbidden('This wizard does not allow saving progress');
        const draft: StoredDraft = {
          stepId: input.stepId,
          answers: input.order.map((setId) => input.answers[setId]),
          savedAt: context.now.toISOString(),
        };
        const sealed = !session.storeUserData;
        this.writer.touch(context, {
          draftStepId: input.stepId,
          // A parameter, not SQL text: the statement's text stays the same (it is prepared).
          draftAnswers: sealed ? null : draft,
          draftEncrypted: sealed ? this.cipher.seal(session.id, draft) : null,
        });
        return { result: { next: null, pruned: emptyPruned(), autoAdvanced: false } };
      },
    );
    return { snapshot, ...result };
  }

  /** Back to the previous visited step, where the current step allows it. */
  async goBack(
    db: RequestDatabase,
    input: { sessionId: number; expectedVersion: number },
  ): Promise<MovePayload> {
    const { result, snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      {},
      (context) => {
        const moved = goBack(context.snapshot.model, context.snapshot.state);
        if (!moved.ok) throw answerProblemsError(moved.problems, {}, []);
        this.writer.touch(context, {
          currentStepId: moved.state.currentStepId,
          stepEnteredAt: context.now,
        });
        return { result: { next: null, pruned: moved.pruned } };
      },
    );
    return { snapshot, ...result };
  }

  /** Skips the current step (or the one named, which must be current) when it may be skipped. */
  async skipStep(
    db: RequestDatabase,
    input: {
      sessionId: number;
      stepId?: number | null;
      reason?: string | null;
      expectedVersion: number;
    },
  ): Promise<MovePayload> {
    const { result, snapshot } = await this.writer.change(
      db,
      input.sessionId,
      input.expectedVersion,
      {},
      (context) => {
        const { model, state, session } = context.snapshot;
        const stepId = input.stepId ?? session.currentStepId ?? 0;
        const moved = skip(model, state, stepId);
        if (!moved.ok) throw answerProblemsError(moved.problems, {}, []);
        this.writer.saveAnswers(context, moved.state);
        // Free text is kept only where the session stores user data.
        const reason = session.storeUserData ? (input.reason ?? null) : null;
        this.writer.saveSkip(context, stepId, reason);
        this.writer.touch(context, {
          currentStepId: moved.state.currentStepId,
          totalPrice: moved.price.total,
          recordedStepIds: recordedSteps(moved.state),
          stepEnteredAt: context.now,
          ...this.clearedDraft(context, stepId),
        });
        const step = model.steps.find((candidate) => candidate.id === stepId)!;
        return {
          result: { next: moved.next, pruned: moved.pruned },
          activity: {
            type: ActivityType.STEP_SKIPPED,
            details: {
              stepId,
              stepKey: step.key,
              reasonGiven: Boolean(input.reason),
              next: explained(moved),
              pruned: moved.pruned,
            },
          },
        };
      },
    );
    return { snapshot, ...result };
  }
}

const emptyPruned = (): Pruned => ({ stepIds: [], setIds: [], optionIds: [] });

/** The activity log's account of a move: where it went and by which rule. */
function explained(moved: MoveResult) {
  const next = moved.next;
  return next
    ? { stepId: next.stepId, via: next.via, ruleId: next.rule?.id ?? null, reason: next.reason }
    : null;
}

/** The step with the given answers applied (accepted or not), for a preview. */
function previewView(
  model: SessionSnapshot['model'],
  after: SessionSnapshot['state'],
  stepId: number,
  answers: StepAnswers,
  moved: MoveResult,
): StepView | null {
  if (moved.ok) return viewStep(model, after, stepId);
  // Refused answers are not recorded, so show them over the current state without the flow.
  const shown = { ...after, answers: { ...after.answers, [stepId]: answers } };
  return viewStep(model, shown, stepId);
}
