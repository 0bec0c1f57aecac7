/**
 * A start-up problem the operator fixes (a directory, a user, a port): the process prints its
 * message alone, one sentence that says what to do, and exits 1 without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
