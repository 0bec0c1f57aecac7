import type { DataSource, EntityManager } from 'typeorm';
import { BoundedCache } from '../rules/bounded-cache';
import { loadWizardModels, type WizardModel } from './wizard-model';

/** Wizards whose definitions one server keeps in memory (least recently used go first). */
const CAPACITY = 256;

interface CachedModel {
  revision: string;
  model: WizardModel;
}

/** Per database: ids and revisions are only unique within one (tests run many in a process). */
const caches = new WeakMap<DataSource, BoundedCache<number, CachedModel>>();

function cacheOf(dataSource: DataSource): BoundedCache<number, CachedModel> {
  let cache = caches.get(dataSource);
  if (!cache) {
    cache = new BoundedCache(CAPACITY);
    caches.set(dataSource, cache);
  }
  return cache;
}

/**
 * The current definitions of some wizards, from memory where the cached copy has the wizard's
 * current definition_revision (which every change to the definition moves, on any instance; see
 * the WizardDefinitionRevision migration), else loaded (seven statements for all misses).
 * Callers that read the revisions already (with a session row) pass them and save a statement.
 * Models are shared between requests: read them, never change them.
 */
export async function currentWizardModels(
  manager: EntityManager,
  wizardIds: readonly number[],
  knownRevisions: ReadonlyMap<number, string> = new Map(),
): Promise<Map<number, WizardModel>> {
  const ids = [...new Set(wizardIds)];
  const revisions = new Map(knownRevisions);
  const unknown = ids.filter((id) => !revisions.has(id));
  if (unknown.length) {
    const rows = await manager.query<{ wizard_id: number; definition_revision: string }[]>(
      'SELECT wizard_id, definition_revision FROM wizards WHERE wizard_id = ANY($1)',
      [unknown],
    );
    for (const row of rows) revisions.set(row.wizard_id, String(row.definition_revision));
  }
  const cache = cacheOf(manager.connection);
  const models = new Map<number, WizardModel>();
  const missing: number[] = [];
  for (const id of ids) {
    const revision = revisions.get(id);
    if (revision === undefined) continue;
    const hit = cache.get(id);
    if (hit?.revision === revision) models.set(id, hit.model);
    else missing.push(id);
  }
  if (!missing.length) return models;
  for (const [id, model] of await loadWizardModels(manager, missing)) {
    models.set(id, model);
    // Keyed by the revision read with the rows, not the one the caller knew.
    cache.set(id, { revision: String(model.wizard.definitionRevision), model });
  }
  return models;
}

export async function currentWizardModel(
  manager: EntityManager,
  wizardId: number,
  revision?: string,
): Promise<WizardModel | null> {
  const known = revision === undefined ? undefined : new Map([[wizardId, revision]]);
  return (await currentWizardModels(manager, [wizardId], known)).get(wizardId) ?? null;
}
