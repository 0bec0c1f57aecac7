import type { Logger } from 'typeorm';

/** What frames a request's transaction: opening it as the viewer, savepoints, ending it. */
const TRANSACTION_CONTROL =
  /^(START TRANSACTION|SET LOCAL ROLE |COMMIT|ROLLBACK|SAVEPOINT |RELEASE SAVEPOINT )/;

/** The statements that read or write data, without the transaction framing around them. */
export function dataStatements(statements: string[]): string[] {
  return statements.filter((statement) => !TRANSACTION_CONTROL.test(statement));
}

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
