import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { WizardService } from './wizard.service';

/** The domain services, built once at start-up and shared by every request. */
export interface Services {
  wizards: WizardService;
}

export function createServices(
  dataSource: DataSource,
  config: Pick<AppConfig, 'pageSizeDefault' | 'pageSizeMax'>,
): Services {
  return { wizards: new WizardService(dataSource, config) };
}
