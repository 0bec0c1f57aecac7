import type { DataSource } from 'typeorm';
import type { LoginThrottle } from '../auth/login-throttle';
import type { TokenService } from '../auth/tokens';
import type { AppConfig } from '../config';
import { AccountService } from './account.service';
import { ApiKeyService } from './api-key.service';
import { SecurityEventService } from './security-event.service';
import { UserService } from './user.service';
import { WizardService } from './wizard.service';

/** The domain services, built once at start-up and shared by every request. */
export interface Services {
  accounts: AccountService;
  apiKeys: ApiKeyService;
  securityEvents: SecurityEventService;
  users: UserService;
  wizards: WizardService;
}

export function createServices(
  dataSource: DataSource,
  config: Pick<AppConfig, 'pageSizeDefault' | 'pageSizeMax'>,
  tokens: TokenService,
  apiKeys: ApiKeyService,
  securityEvents: SecurityEventService,
  loginThrottle: LoginThrottle,
): Services {
  return {
    apiKeys,
    securityEvents,
    accounts: new AccountService(dataSource, tokens, loginThrottle, securityEvents),
    users: new UserService(dataSource, config, securityEvents),
    wizards: new WizardService(dataSource, config),
  };
}
