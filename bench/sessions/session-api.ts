// What a client needs from a server to run a session, whichever server it is: the GraphQL
// adapter and the baseline adapter implement it, so both sides run the very same client loop.

export interface SessionRef {
  id: string;
  version: number;
}

/** One step's answer: the step's one set and the option chosen in it. */
export interface StepChoice {
  stepId: string;
  setId: string;
  optionId: string;
}

export interface SessionApi {
  start(): Promise<SessionRef>;
  submit(session: SessionRef, choice: StepChoice): Promise<SessionRef>;
  complete(session: SessionRef): Promise<SessionRef>;
  close(): void;
}

/** Failures with no answer from the server: it may have done the work or not. */
export const UNANSWERED = new Set(['TIMEOUT', 'NETWORK']);

/** A failed operation: `code` groups failures in the report (CONFLICT, HTTP_500, TIMEOUT…). */
export class OperationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON of an answer, or an OperationError saying what came instead. */
export function parseJson(status: number, text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    throw new OperationError(`HTTP_${status}`, `not JSON: ${text.slice(0, 200)}`);
  }
}
