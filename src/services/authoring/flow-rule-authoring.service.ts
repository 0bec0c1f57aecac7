import type { EntityManager } from 'typeorm';
import type { RequestDatabase } from '../../database/request-database';
import { loadWizardModel, type WizardModel } from '../../definitions/wizard-model';
import { WizardFlowRule } from '../../entities';
import { AuditAction, AuditEntityType } from '../../entities/audit.enums';
import { ConditionType } from '../../entities/enums';
import { badUserInput, notFound, type FieldProblem } from '../../errors/error-code';
import { fieldChanges, recordAudit } from './audit-trail';
import { authoringChange } from './authoring-transaction';
import { lockWizard } from './wizard-authoring.service';
import { placementOf } from './wizard-parts';

/** Type-checks a CEL condition against one wizard; an empty list means it is fine. */
export type ConditionChecker = (expression: string, model: WizardModel) => { message: string }[];

export type FlowRuleFields = Pick<
  WizardFlowRule,
  | 'name'
  | 'description'
  | 'fromStepId'
  | 'fromOptionId'
  | 'toStepId'
  | 'conditionType'
  | 'conditionExpression'
  | 'priority'
  | 'isActive'
>;

/** Flow rules: where a session goes after a step, checked against the wizard when saved. */
export class FlowRuleAuthoringService {
  constructor(private readonly checkCondition: ConditionChecker) {}

  create(
    db: RequestDatabase,
    wizardId: number,
    fields: Partial<FlowRuleFields> & Pick<FlowRuleFields, 'fromStepId' | 'toStepId'>,
  ) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      await lockWizard(manager, wizardId);
      const rule = { conditionType: ConditionType.REQUIRED, priority: 0, ...fields };
      await this.assertConsistent(manager, wizardId, rule);
      const { identifiers } = await manager.insert(WizardFlowRule, { ...rule, wizardId });
      const created = await manager.findOneByOrFail(WizardFlowRule, {
        id: Number(identifiers[0].id),
      });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.CREATE,
        entityType: AuditEntityType.FLOW_RULE,
        entityId: created.id,
        wizardId,
        newValues: { ...rule },
      });
      return created;
    });
  }

  update(db: RequestDatabase, ruleId: number, changes: Partial<FlowRuleFields>) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const rule = await findRule(manager, ruleId);
      await lockWizard(manager, rule.wizardId);
      const next = { ...rule, ...definedOnly(changes) };
      await this.assertConsistent(manager, rule.wizardId, next);
      const diff = fieldChanges(rule, changes);
      if (!diff) return rule;
      await manager.update(WizardFlowRule, { id: ruleId }, diff.newValues);
      await recordAudit(manager, author, requestId, {
        action: AuditAction.UPDATE,
        entityType: AuditEntityType.FLOW_RULE,
        entityId: ruleId,
        wizardId: rule.wizardId,
        ...diff,
      });
      return manager.findOneByOrFail(WizardFlowRule, { id: ruleId });
    });
  }

  delete(db: RequestDatabase, ruleId: number) {
    return authoringChange(db, async ({ manager, author, requestId }) => {
      const rule = await findRule(manager, ruleId);
      await lockWizard(manager, rule.wizardId);
      await manager.delete(WizardFlowRule, { id: ruleId });
      await recordAudit(manager, author, requestId, {
        action: AuditAction.DELETE,
        entityType: AuditEntityType.FLOW_RULE,
        entityId: ruleId,
        wizardId: rule.wizardId,
        oldValues: { ...rule },
      });
      return ruleId;
    });
  }

  /**
   * Both steps belong to the wizard, the option (if any) to the from-step, a CONDITIONAL rule has a
   * condition that type-checks against this wizard, and no other kind of rule has one.
   */
  private async assertConsistent(
    manager: EntityManager,
    wizardId: number,
    rule: Partial<FlowRuleFields>,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    const from = await placementOf(manager, 'step', rule.fromStepId!, 'fromStepId');
    const to = await placementOf(manager, 'step', rule.toStepId!, 'toStepId');
    if (from.wizardId !== wizardId) problems.push(elsewhere('fromStepId', 'step'));
    if (to.wizardId !== wizardId) problems.push(elsewhere('toStepId', 'step'));
    if (rule.fromOptionId != null) {
      const option = await placementOf(manager, 'option', rule.fromOptionId, 'fromOptionId');
      if (option.stepId !== rule.fromStepId) {
        problems.push({ field: 'fromOptionId', message: 'must be an option of the from-step' });
      }
    }
    const expression = rule.conditionExpression?.trim() ? rule.conditionExpression : null;
    if (rule.conditionType === ConditionType.CONDITIONAL && !expression) {
      problems.push({
        field: 'conditionExpression',
        message: 'a CONDITIONAL rule needs a condition',
      });
    }
    if (rule.conditionType !== ConditionType.CONDITIONAL && expression) {
      problems.push({
        field: 'conditionExpression',
        message: 'only CONDITIONAL rules take a condition',
      });
    }
    if (problems.length === 0 && expression && rule.conditionType === ConditionType.CONDITIONAL) {
      const model = (await loadWizardModel(manager, wizardId))!;
      for (const problem of this.checkCondition(expression, model)) {
        problems.push({ field: 'conditionExpression', message: problem.message });
      }
    }
    if (problems.length > 0) throw badUserInput('The flow rule is not consistent', problems);
  }
}

async function findRule(manager: EntityManager, ruleId: number): Promise<WizardFlowRule> {
  const rule = await manager.findOneBy(WizardFlowRule, { id: ruleId });
  if (!rule) throw notFound('WizardFlowRule', ruleId);
  return rule;
}

const elsewhere = (field: string, what: string): FieldProblem => ({
  field,
  message: `must be a ${what} of the same wizard`,
});

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
