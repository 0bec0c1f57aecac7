// One client: start a session, submit each step with the version the last answer returned,
// complete it, again, until the phase's deadline (or the safety bound on sessions). A failed
// request leaves its session where it is; the client starts a new one.
import { performance } from 'node:perf_hooks';
import type { Operation, Recorder } from './recorder';
import type { SessionApi, SessionRef, StepChoice } from './session-api';

/** Per step, the choices a client may make (it varies them from session to session). */
export type StepChoices = StepChoice[][];

async function timed(
  recorder: Recorder,
  operation: Operation,
  work: () => Promise<SessionRef>,
): Promise<SessionRef | undefined> {
  const sentAt = performance.now();
  try {
    const session = await work();
    recorder.success(operation, sentAt);
    return session;
  } catch (error) {
    recorder.failure(operation, sentAt, error);
    return undefined;
  }
}

export async function runClient(
  api: SessionApi,
  steps: StepChoices,
  recorder: Recorder,
  options: { index: number; maxSessions: number },
): Promise<void> {
  for (let n = 0; n < options.maxSessions && recorder.open(); n++) {
    let session = await timed(recorder, 'start', () => api.start());
    for (const [i, choices] of steps.entries()) {
      const current = session;
      if (!current || !recorder.open()) break;
      const choice = choices[(n + i + options.index) % choices.length];
      session = await timed(recorder, 'submit', () => api.submit(current, choice));
    }
    const done = session;
    if (done && recorder.open()) await timed(recorder, 'complete', () => api.complete(done));
  }
}

/** All clients, one phase: resolves once every client has had its last answer. */
export async function runPhase(
  apis: SessionApi[],
  steps: StepChoices,
  recorder: Recorder,
  maxSessions: number,
): Promise<Recorder> {
  await Promise.all(
    apis.map((api, index) => runClient(api, steps, recorder, { index, maxSessions })),
  );
  return recorder;
}
