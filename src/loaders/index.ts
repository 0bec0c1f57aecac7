import type { DataSource } from 'typeorm';
import type { LoaderOptions } from './batch';
import { createWizardLoaders, type WizardLoaders } from './wizard.loaders';

export type Loaders = WizardLoaders;

/** Fresh loaders for one request (HTTP) or one subscription (WebSocket, uncached). */
export function createLoaders(dataSource: DataSource, options: LoaderOptions): Loaders {
  return { ...createWizardLoaders(dataSource, options) };
}
