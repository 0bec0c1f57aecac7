import type { DataSource } from 'typeorm';
import type { LoginThrottle } from '../auth/login-throttle';
import type { TokenService } from '../auth/tokens';
import type { AppConfig } from '../config';
import { AccountService } from './account.service';
import { ApiKeyService } from './api-key.service';
import { SecurityEventService } from './security-event.service';
import { UserService } from './user.service';
import { WizardService } from './wizard.service';
import { StepAuthoringService } from './authoring/step-authoring.service';
import { WizardAuthoringService } from './authoring/wizard-authoring.service';
import { AuditLogService } from './authoring/audit-log.service';
import { WizardTransferService } from './authoring/wizard-transfer.service';

/** The domain services, built once at start-up and shared by every request. */
export interface Services {
  accounts: AccountService;
  apiKeys: ApiKeyService;
  securityEvents: SecurityEventService;
  users: UserService;
  wizards: WizardService;
  /** Changing wizard definitions (authors only). */
  authoring: {
    wizards: WizardAuthoringService;
    steps: StepAuthoringService;
    auditLog: AuditLogService;
    /** Wizards as definition documents: export, import, clone. */
    transfer: WizardTransferService;
  };
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
    users: new UserService(config, securityEvents),
    wizards: new WizardService(config),
    authoring: {
      wizards: new WizardAuthoringService(),
      steps: new StepAuthoringService(),
      auditLog: new AuditLogService(config),
      transfer: new WizardTransferService(),
    },
  };
}
