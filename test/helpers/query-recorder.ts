import type { Logger } from 'typeorm';

/** A TypeORM logger that records every SQL statement, for statement-count assertions. */
export class QueryRecorder implements Logger {
  readonly queries: string[] = [];

  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  /** Statements recorded while `action` ran. */
  async during(action: () => Promise<unknown>): Promise<string[]> {
    const start = this.queries.length;
    await action();
    return this.queries.slice(start);
  }
}
