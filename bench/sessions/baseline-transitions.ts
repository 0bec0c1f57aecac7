// What the baseline does per transition, each in one transaction on one pooled connection:
// start (insert the session and its activity row), submit (lock, check the version, replace the
// step's selections, update the session, activity row), complete (lock, check, update, activity).
import { createHash, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { answerProblem, type Answer, type WizardShape, type WizardShapes } from './baseline-model';
import * as sql from './baseline-sql';

/** A transition refused before anything was written: the HTTP status and a code. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Versioned {
  id: number;
  version: number;
}

interface LockedSession {
  wizard_id: number;
  user_id: number;
  row_version: number;
  is_completed: boolean;
  current_step_id: number | null;
  recorded_step_ids: number[];
  step_entered_at: Date | null;
  expired: boolean;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function activity(client: PoolClient, session: Versioned & { wizardId: number; userId: number }) {
  return (type: string, details: Record<string, unknown>) =>
    client.query({
      ...sql.INSERT_ACTIVITY,
      values: [
        session.id,
        session.wizardId,
        session.userId,
        type,
        JSON.stringify({ version: session.version, ...details }),
      ],
    });
}

/** Locks the viewer's session and checks that it takes changes at `expectedVersion`. */
async function lockWritable(
  client: PoolClient,
  userId: number,
  sessionId: number,
  expectedVersion: number,
): Promise<LockedSession> {
  const result = await client.query<LockedSession>({ ...sql.LOCK_SESSION, values: [sessionId] });
  const session = result.rows[0];
  if (!session || session.user_id !== userId)
    throw new Refusal(404, 'NOT_FOUND', `no session ${sessionId}`);
  if (session.row_version !== expectedVersion)
    throw new Refusal(
      409,
      'CONFLICT',
      `stale version ${expectedVersion} (now ${session.row_version})`,
    );
  if (session.is_completed) throw new Refusal(409, 'CONFLICT', 'the session is completed');
  if (session.expired) throw new Refusal(409, 'CONFLICT', 'the session has expired');
  return session;
}

async function shapeOf(
  db: Pool | PoolClient,
  shapes: WizardShapes,
  wizardId: number,
): Promise<WizardShape> {
  const shape = await shapes.get(db, wizardId);
  if (!shape) throw new Refusal(404, 'NOT_FOUND', `no wizard ${wizardId}`);
  return shape;
}

export async function startSession(
  pool: Pool,
  shapes: WizardShapes,
  userId: number,
  input: { wizardId: number; sessionName: string },
): Promise<Versioned> {
  const shape = await shapeOf(pool, shapes, input.wizardId);
  const first = shape.steps[0];
  if (!shape.runnable || !first) throw new Refusal(403, 'FORBIDDEN', 'the wizard is not open');
  // Like the server: the token is shown once, the database keeps its SHA-256.
  const token = `mws_${randomBytes(32).toString('base64url')}`;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  return inTransaction(pool, async (client) => {
    const inserted = await client.query<{ session_id: number; row_version: number }>({
      ...sql.INSERT_SESSION,
      values: [shape.id, userId, input.sessionName, tokenHash, first.id],
    });
    const { session_id: id, row_version: version } = inserted.rows[0];
    await activity(client, { id, version, wizardId: shape.id, userId })('SESSION_STARTED', {
      wizardVersion: shape.version,
      firstStepId: first.id,
    });
    return { id, version };
  });
}

export function submitStep(
  pool: Pool,
  shapes: WizardShapes,
  userId: number,
  input: { sessionId: number; stepId: number; expectedVersion: number; answers: Answer[] },
): Promise<Versioned> {
  return inTransaction(pool, async (client) => {
    const session = await lockWritable(client, userId, input.sessionId, input.expectedVersion);
    const shape = await shapeOf(client, shapes, session.wizard_id);
    const index = shape.steps.findIndex((step) => step.id === input.stepId);
    const step = shape.steps[index];
    const onPath =
      input.stepId === session.current_step_id || session.recorded_step_ids.includes(input.stepId);
    if (!step || !onPath)
      throw new Refusal(400, 'BAD_USER_INPUT', `step ${input.stepId} is not open`);
    const problem = answerProblem(step, input.answers);
    if (problem) throw new Refusal(400, 'BAD_USER_INPUT', problem);
    const next = shape.steps[index + 1]?.id ?? step.id;
    const recorded = shape.steps
      .filter((s) => s.id === step.id || session.recorded_step_ids.includes(s.id))
      .map((s) => s.id);
    const entered = session.step_entered_at?.getTime() ?? Date.now();
    const secondsSpent = Math.max(0, Math.round((Date.now() - entered) / 1000));
    const chosen = input.answers.flatMap((a) => a.optionIds.map((o) => [a.setId, o] as const));
    await client.query({ ...sql.DELETE_STEP_SELECTIONS, values: [input.sessionId, step.id] });
    await client.query({
      ...sql.INSERT_SELECTIONS,
      values: [
        input.sessionId,
        step.id,
        chosen.map(([setId]) => setId),
        chosen.map(([, optionId]) => optionId),
        secondsSpent,
      ],
    });
    const updated = await client.query<{ row_version: number; total_price: string }>({
      ...sql.UPDATE_AFTER_SUBMIT,
      values: [input.sessionId, next, recorded],
    });
    const { row_version: version, total_price: price } = updated.rows[0];
    const ids = { id: input.sessionId, version, wizardId: shape.id, userId };
    await activity(client, ids)('STEP_COMPLETED', {
      stepId: step.id,
      stepKey: step.key,
      next: next === step.id ? null : next,
      price,
      timeSpentSeconds: secondsSpent,
    });
    return { id: input.sessionId, version };
  });
}

export function completeSession(
  pool: Pool,
  shapes: WizardShapes,
  userId: number,
  input: { sessionId: number; expectedVersion: number },
): Promise<Versioned> {
  return inTransaction(pool, async (client) => {
    const session = await lockWritable(client, userId, input.sessionId, input.expectedVersion);
    const shape = await shapeOf(client, shapes, session.wizard_id);
    const missing = shape.steps.find(
      (step) => step.required && !session.recorded_step_ids.includes(step.id),
    );
    if (missing) throw new Refusal(409, 'CONFLICT', `step ${missing.key} is not answered`);
    const updated = await client.query<{
      row_version: number;
      total_price: string;
      completion_time_minutes: number;
    }>({ ...sql.UPDATE_COMPLETED, values: [input.sessionId] });
    const row = updated.rows[0];
    const ids = { id: input.sessionId, version: row.row_version, wizardId: shape.id, userId };
    await activity(client, ids)('SESSION_COMPLETED', {
      totalPrice: row.total_price,
      completionTimeMinutes: row.completion_time_minutes,
      stepsDone: session.recorded_step_ids.length,
    });
    return { id: input.sessionId, version: row.row_version };
  });
}
