import type { DataSource } from 'typeorm';
import type { TokenService } from '../auth/tokens';
import type { AppConfig } from '../config';
import { AccountService } from './account.service';
import { WizardService } from './wizard.service';

/** The domain services, built once at start-up and shared by every request. */
export interface Services {
  accounts: AccountService;
  wizards: WizardService;
}

export function createServices(
  dataSource: DataSource,
  config: Pick<AppConfig, 'pageSizeDefault' | 'pageSizeMax'>,
  tokens: TokenService,
): Services {
  return {
    accounts: new AccountService(dataSource, tokens),
    wizards: new WizardService(dataSource, config),
  };
}
