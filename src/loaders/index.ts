import type { DataSource } from 'typeorm';
import type { RequestDatabase } from '../database/request-database';
import type { LoaderOptions } from './batch';
import { ProjectedChildren } from './projected-children';
import { createWizardLoaders, type WizardLoaders } from './wizard.loaders';

export interface Loaders extends WizardLoaders {
  /** Child lists read with only the selected columns (used when preloading a tree). */
  projected: ProjectedChildren;
}

/** Fresh loaders for one request (HTTP) or one subscription (WebSocket, uncached). */
export function createLoaders(
  dataSource: DataSource,
  db: RequestDatabase,
  options: LoaderOptions,
): Loaders {
  return {
    ...createWizardLoaders(dataSource, db, options),
    projected: new ProjectedChildren(dataSource, db, options),
  };
}
