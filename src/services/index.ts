import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WizardCounterFolder } from './sessions/wizard-counters';
import type { LoginThrottle } from '../auth/login-throttle';
import { PasswordGuesses } from './password-guesses';
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
import { DependencyAuthoringService } from './authoring/dependency-authoring.service';
import { FlowRuleAuthoringService } from './authoring/flow-rule-authoring.service';
import { PublishingService } from './authoring/publishing.service';
import { checkCondition } from '../rules/condition-language';
import { OptionSetAuthoringService } from './authoring/option-set-authoring.service';
import { OptionAuthoringService } from './authoring/option-authoring.service';
import { WizardTransferService } from './authoring/wizard-transfer.service';
import { SessionDataCipher } from './sessions/session-data-cipher';
import { resolveSessionDataKey } from './sessions/session-data-key';
import { SessionLifecycleService } from './sessions/session-lifecycle.service';
import { SessionQueryService } from './sessions/session-query.service';
import { SessionRuntimeService } from './sessions/session-runtime.service';
import { SnapshotCache } from './sessions/session-snapshot';
import { SessionStartService } from './sessions/session-start.service';
import { SessionWriter } from './sessions/session-writer';
import { ReplayService } from './sessions/replay.service';
import { ShareService } from './sessions/share.service';
import { TemplateService } from './sessions/template.service';
import { AnalyticsService } from './analytics/analytics.service';
import { ViewerCurrency } from './viewer-currency';
import { ActivityFeed } from './sessions/activity-feed';

/** The domain services, built once at start-up and shared by every request. */
export interface Services {
  accounts: AccountService;
  /** Whether a long-lived subscriber is still who it was (checked per event, batched). */
  viewerCurrency: ViewerCurrency;
  /** Activity rows for authors' wizardActivity streams, read once per event. */
  activityFeed: ActivityFeed;
  apiKeys: ApiKeyService;
  securityEvents: SecurityEventService;
  users: UserService;
  wizards: WizardService;
  /** Changing wizard definitions (authors only). */
  authoring: {
    wizards: WizardAuthoringService;
    steps: StepAuthoringService;
    optionSets: OptionSetAuthoringService;
    options: OptionAuthoringService;
    auditLog: AuditLogService;
    flowRules: FlowRuleAuthoringService;
    dependencies: DependencyAuthoringService;
    publishing: PublishingService;
    /** Wizards as definition documents: export, import, clone. */
    transfer: WizardTransferService;
  };
  /** The daily roll-up and the figures authors read. */
  analytics: AnalyticsService;
  /** Running sessions: the engine's decisions, loaded and saved. */
  sessions: {
    start: SessionStartService;
    runtime: SessionRuntimeService;
    lifecycle: SessionLifecycleService;
    queries: SessionQueryService;
    /** Per-request snapshots (answers, wizard, draft) for the computed session fields. */
    snapshots: SnapshotCache;
    cipher: SessionDataCipher;
    /** Wizards' start and completion counters: deltas read with the row, folded on a timer. */
    counters: WizardCounterFolder;
    templates: TemplateService;
    replays: ReplayService;
    shares: ShareService;
  };
}

export function createServices(
  dataSource: DataSource,
  config: Pick<
    AppConfig,
    | 'pageSizeDefault'
    | 'pageSizeMax'
    | 'sessionLifetimeSeconds'
    | 'sessionDataKey'
    | 'dataDir'
    | 'analytics'
  >,
  tokens: TokenService,
  apiKeys: ApiKeyService,
  securityEvents: SecurityEventService,
  loginThrottle: LoginThrottle,
  logger?: Logger,
): Services {
  const wizards = new WizardService(dataSource, config);
  const cipher = new SessionDataCipher(resolveSessionDataKey(config));
  const snapshots = new SnapshotCache(cipher);
  const writer = new SessionWriter(cipher, config.sessionLifetimeSeconds, snapshots);
  const counters = new WizardCounterFolder(dataSource, (error) =>
    logger?.warn({ err: error }, 'wizard counters not folded yet (the next fold takes them)'),
  );
  const starter = new SessionStartService(
    wizards,
    cipher,
    snapshots,
    config.sessionLifetimeSeconds,
    counters,
  );
  return {
    apiKeys,
    securityEvents,
    accounts: new AccountService(
      dataSource,
      tokens,
      new PasswordGuesses(loginThrottle, securityEvents),
    ),
    viewerCurrency: new ViewerCurrency(dataSource),
    activityFeed: new ActivityFeed(dataSource),
    users: new UserService(config, securityEvents),
    wizards,
    authoring: {
      wizards: new WizardAuthoringService(),
      steps: new StepAuthoringService(),
      optionSets: new OptionSetAuthoringService(),
      options: new OptionAuthoringService(),
      auditLog: new AuditLogService(config),
      flowRules: new FlowRuleAuthoringService(checkCondition),
      dependencies: new DependencyAuthoringService(),
      publishing: new PublishingService(),
      transfer: new WizardTransferService(),
    },
    analytics: new AnalyticsService(dataSource, config.analytics),
    sessions: {
      start: starter,
      runtime: new SessionRuntimeService(writer, snapshots, cipher),
      lifecycle: new SessionLifecycleService(writer, counters),
      queries: new SessionQueryService(config),
      snapshots,
      cipher,
      counters,
      templates: new TemplateService(dataSource, snapshots, starter, config),
      replays: new ReplayService(cipher, snapshots, starter),
      shares: new ShareService(cipher, starter, config),
    },
  };
}
