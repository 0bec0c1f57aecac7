import type { EntityManager } from 'typeorm';
import type { UserViewer } from '../../auth/viewer';
import { AuditEntry } from '../../entities';
import type { AuditAction, AuditEntityType } from '../../entities/audit.enums';

export interface AuditChange {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: number;
  wizardId: number | null;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
}

/**
 * Writes audit rows with the manager of the change itself, so the trail and the change commit or
 * roll back together.
 */
export async function recordAudit(
  manager: EntityManager,
  author: UserViewer,
  requestId: string | null,
  ...changes: AuditChange[]
): Promise<void> {
  if (changes.length === 0) return;
  await manager.insert(
    AuditEntry,
    changes.map((change) => ({
      actorUserId: author.userId,
      apiKeyId: author.apiKeyId ?? null,
      requestId,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      wizardId: change.wizardId,
      oldValues: change.oldValues ?? null,
      newValues: change.newValues ?? null,
    })) as never,
  );
}

/** The fields of `changes` whose value differs from `before`, as old and new value maps. */
export function fieldChanges<T extends object>(
  before: T,
  changes: Partial<T>,
): { oldValues: Record<string, unknown>; newValues: Record<string, unknown> } | null {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const previous = (before as Record<string, unknown>)[field];
    if (JSON.stringify(previous) === JSON.stringify(value)) continue;
    oldValues[field] = previous ?? null;
    newValues[field] = value;
  }
  return Object.keys(newValues).length > 0 ? { oldValues, newValues } : null;
}
