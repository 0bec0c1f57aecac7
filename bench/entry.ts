// The process around a benchmark: cleanup on success, failure, Ctrl-C, SIGTERM and crashes.
import { Cleanup } from './cleanup';

/**
 * Runs `bench`, always undoing what it started (Cleanup), and exits with 0, 1, or the signal's
 * code. `onAbort` runs first on an interruption (e.g. to stop a load generator).
 */
export function runBenchmark(
  bench: (cleanup: Cleanup) => Promise<void>,
  interruption: { stopping: string; onAbort?: () => void },
): void {
  const main = async (): Promise<number> => {
    const cleanup = new Cleanup();
    let abortCode: number | undefined;
    /** Ctrl-C, SIGTERM or a crash outside the awaited chain: undo everything, then exit. */
    const abort = (reason: string, code: number) => {
      if (abortCode !== undefined) return;
      abortCode = code;
      console.error(`\n${reason}: ${interruption.stopping}...`);
      interruption.onAbort?.();
      cleanup.urgent();
      void cleanup.run().finally(() => process.exit(code));
    };
    process.on('SIGINT', () => abort('SIGINT', 130));
    process.on('SIGTERM', () => abort('SIGTERM', 143));
    process.on('uncaughtException', (error) => {
      console.error(error);
      abort('uncaught exception', 1);
    });
    try {
      await bench(cleanup);
      return 0;
    } catch (error) {
      if (abortCode !== undefined) return abortCode;
      console.error('\nBenchmark failed:', error instanceof Error ? error.message : error);
      return 1;
    } finally {
      await cleanup.run();
    }
  };
  // Exit explicitly: keep-alive sockets (fetch, autocannon) could otherwise hold the process open.
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
