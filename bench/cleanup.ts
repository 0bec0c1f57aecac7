// Everything the bench creates is undone in reverse order, on success, on error and on Ctrl-C.

interface Task {
  name: string;
  undo: () => Promise<void>;
  /** A synchronous first aid for signal handlers (e.g. SIGTERM a child by pid). */
  now?: () => void;
}

const TASK_TIMEOUT_MS = 30_000;

export class Cleanup {
  private readonly tasks: Task[] = [];
  private running: Promise<void> | undefined;

  add(name: string, undo: () => Promise<void>, now?: () => void): void {
    this.tasks.push({ name, undo, now });
  }

  /** Runs every synchronous first aid at once, newest first. */
  urgent(): void {
    for (const task of [...this.tasks].reverse()) {
      try {
        task.now?.();
      } catch {
        // Best effort: the full undo follows.
      }
    }
  }

  /** Undoes everything once, newest first; a failing step is reported and the rest still run. */
  run(): Promise<void> {
    this.running ??= this.runTasks();
    return this.running;
  }

  private async runTasks(): Promise<void> {
    while (this.tasks.length > 0) {
      const task = this.tasks.pop()!;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          task.undo(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`timed out after ${TASK_TIMEOUT_MS} ms`)),
              TASK_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (error) {
        console.error(`cleanup: ${task.name} failed:`, error);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
