import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { asSystem } from '../../database/system-context';
import { WizardSessionActivity } from '../../entities';

/**
 * The activity rows that wizardActivity streams send. Only authors follow a wizard, row-level
 * security shows authors every activity row, and each subscriber's role is checked again for the
 * event before its row is handed over (ViewerCurrency). So the row is the same for all of them:
 * it is read once per event, in one statement, instead of once per subscriber.
 */
export class ActivityFeed {
  private readonly rows: DataLoader<number, WizardSessionActivity | null>;

  constructor(dataSource: DataSource) {
    this.rows = new DataLoader(
      async (ids) => {
        const found = await asSystem(dataSource, (manager) =>
          manager.getRepository(WizardSessionActivity).findBy({ id: In([...ids]) }),
        );
        const byId = new Map(found.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      // Fresh for every event; one batch for the subscribers one event wakes.
      { cache: false, batchScheduleFn: (callback) => setImmediate(callback) },
    );
  }

  /** The row for an author whose role was just checked (see ViewerCurrency). */
  forAuthor(logId: number): Promise<WizardSessionActivity | null> {
    return this.rows.load(logId);
  }
}
