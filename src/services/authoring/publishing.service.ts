import { GraphQLError } from 'graphql';
import { requireAuthorReader } from '../../auth/guards';
import { lintWizard, type LintFinding } from '../../authoring/lint';
import type { RequestDatabase } from '../../database/request-database';
import { loadWizardModel } from '../../definitions/wizard-model';
import { Wizard } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import { ErrorCode, notFound } from '../../errors/error-code';
import { recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';
import { lockWizard } from './wizard-authoring.service';

export interface LintReport {
  wizardId: number;
  errorCount: number;
  warningCount: number;
  findings: LintFinding[];
}

/** `1.0` → `1.1`, `2` → `3`: the last number goes up by one; anything else starts at `1.0`. */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d+)$/.exec(version);
  return match ? `${match[1]}${Number(match[2]) + 1}` : '1.0';
}

function report(wizardId: number, findings: LintFinding[]): LintReport {
  const errorCount = findings.filter((f) => f.severity === 'ERROR').length;
  return { wizardId, errorCount, warningCount: findings.length - errorCount, findings };
}

/** The logic check, and publishing a wizard (refused while the check finds errors). */
export class PublishingService {
  async lint(db: RequestDatabase, wizardId: number): Promise<LintReport> {
    requireAuthorReader(db.viewer);
    const model = await loadWizardModel(await db.manager(), wizardId);
    if (!model) throw notFound('Wizard', wizardId);
    return report(wizardId, lintWizard(model));
  }

  /** Publishes: offered to users from now on; version bumped; refused with the errors found. */
  publish(db: RequestDatabase, wizardId: number): Promise<Wizard> {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizard = await lockWizard(manager, wizardId);
      const model = (await loadWizardModel(manager, wizardId))!;
      const checked = report(wizardId, lintWizard(model));
      if (checked.errorCount > 0) {
        throw new GraphQLError(
          `The wizard has ${checked.errorCount} logic error(s); see wizardLint`,
          {
            extensions: {
              code: ErrorCode.CONFLICT,
              findings: checked.findings.filter((f) => f.severity === 'ERROR'),
            },
          },
        );
      }
      const changes = { publishedAt: new Date(), version: nextVersion(wizard.version) };
      await manager.update(Wizard, { id: wizardId }, changes);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.PUBLISH,
        entityType: AuditEntityType.WIZARD,
        entityId: wizardId,
        wizardId,
        oldValues: { version: wizard.version, publishedAt: wizard.publishedAt },
        newValues: changes,
      });
      return manager.findOneByOrFail(Wizard, { id: wizardId });
    });
  }

  /** Takes the wizard off offer (running sessions are not touched). */
  unpublish(db: RequestDatabase, wizardId: number): Promise<Wizard> {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const wizard = await lockWizard(manager, wizardId);
      if (wizard.publishedAt === null) return wizard;
      await manager.update(Wizard, { id: wizardId }, { publishedAt: null });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UNPUBLISH,
        entityType: AuditEntityType.WIZARD,
        entityId: wizardId,
        wizardId,
        oldValues: { publishedAt: wizard.publishedAt },
        newValues: { publishedAt: null },
      });
      return manager.findOneByOrFail(Wizard, { id: wizardId });
    });
  }
}
