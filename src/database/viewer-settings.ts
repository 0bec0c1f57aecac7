import type { Viewer } from '../auth/viewer';

/**
 * The role request work runs as: neither superuser nor BYPASSRLS, so the row-level security
 * policies hold even when DATABASE_URL names a superuser (the embedded default does). Created by
 * the RowLevelSecurity migration.
 */
export const APP_ROLE = 'wizard_app';

/** app.user_role of a guest-session viewer (not a UserRole: guests hold no account role). */
export const GUEST_ROLE = 'GUEST';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * What starts a request transaction: the role and the viewer's settings, local to the
 * transaction, in one round trip. Values are integers and enum names the server itself produced;
 * they are still quoted as literals.
 */
export function viewerSettingsSql(viewer: Viewer): string {
  return `SET LOCAL ROLE ${APP_ROLE}; ${viewerConfigSql(viewer)}`;
}

/** The viewer's settings alone: also how a request turns into a guest part-way (startSession). */
export function viewerConfigSql(viewer: Viewer): string {
  const settings: [string, string][] = [['app.context', 'request']];
  if (viewer.kind !== 'anonymous') {
    // A guest's role is GUEST: no policy grants it more than its own account's rows.
    settings.push(
      ['app.user_id', String(Math.trunc(viewer.userId))],
      ['app.user_role', viewer.kind === 'user' ? viewer.role : GUEST_ROLE],
    );
  }
  const calls = settings.map(
    ([name, value]) => `set_config(${literal(name)}, ${literal(value)}, true)`,
  );
  return `SELECT ${calls.join(', ')}`;
}

/** Marks a transaction as system work (authentication look-ups, demo data, scheduled jobs). */
export const SYSTEM_SETTINGS_SQL = "SELECT set_config('app.context', 'system', true)";

/** app.share_id for a share token the server validated (the sessions policy reads it). */
export function shareConfigSql(shareId: number): string {
  return `SELECT set_config('app.share_id', ${literal(String(Math.trunc(shareId)))}, true)`;
}

/**
 * A bearer token's account, read by the system function (so before SET ROLE: it is revoked from
 * the application role), with the viewer's settings taken from the same row. A missing account
 * sets nothing; the caller refuses it, as it does an inactive one. `$1` is the account's id: the
 * statement is prepared once per connection (SQL PREPARE) and run with EXECUTE inside the batch
 * that opens a request's transaction, so it is not parsed and planned on every request.
 */
export const ACCOUNT_SETTINGS_SQL =
  `SELECT a.user_id, a.user_role, a.is_active, a.password_hash, ` +
  `set_config('app.context', 'request', true), ` +
  `set_config('app.user_id', a.user_id::text, true), ` +
  `set_config('app.user_role', a.user_role::text, true) ` +
  `FROM rls.token_account($1) a`;

/** EXECUTE of the prepared ACCOUNT_SETTINGS_SQL for one account. */
export function executeAccountSettingsSql(statement: string, userId: number): string {
  return `EXECUTE ${statement}(${literal(String(Math.trunc(userId)))})`;
}
