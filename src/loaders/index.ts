import type { DataSource } from 'typeorm';
import type { LoaderOptions } from './batch';
import { ProjectedChildren } from './projected-children';
import { createWizardLoaders, type WizardLoaders } from './wizard.loaders';

export interface Loaders extends WizardLoaders {
  /** Child lists read with only the selected columns (used when preloading a tree). */
  projected: ProjectedChildren;
}

/** Fresh loaders for one request (HTTP) or one subscription (WebSocket, uncached). */
export function createLoaders(dataSource: DataSource, options: LoaderOptions): Loaders {
  return {
    ...createWizardLoaders(dataSource, options),
    projected: new ProjectedChildren(dataSource, options),
  };
}
