import { UserRole } from '../entities/enums';
import { forbidden, unauthenticated } from '../errors/error-code';
import { ApiScope } from '../entities/api-scope';
import { hasScope, isApiKey, isAuthor, type UserViewer, type Viewer } from './viewer';

/** A signed-in user (session or API key); UNAUTHENTICATED otherwise. */
export function requireUser(viewer: Viewer): UserViewer {
  if (viewer.kind !== 'user') throw unauthenticated();
  return viewer;
}

/** A signed-in session: operations no API key scope covers (keys, passwords, users). */
export function requireSession(viewer: Viewer, what: string): UserViewer {
  const user = requireUser(viewer);
  if (isApiKey(user)) throw forbidden(`${what} takes a signed-in session, not an API key`);
  return user;
}

/** A SUPER_ADMIN in a signed-in session. */
export function requireSuperAdminSession(viewer: Viewer, what: string): UserViewer {
  const user = requireUser(viewer);
  if (user.role !== UserRole.SUPER_ADMIN) throw forbidden(`Only a SUPER_ADMIN may ${what}`);
  return requireSession(user, what);
}

/** An author (ADMIN or SUPER_ADMIN), signed in or through an API key with WIZARDS_WRITE. */
export function requireAuthor(viewer: Viewer): UserViewer {
  const user = requireUser(viewer);
  if (!isAuthor(user)) throw forbidden('Only authors (ADMIN) may change wizards');
  if (!hasScope(user, ApiScope.WIZARDS_WRITE)) {
    throw forbidden('This API key lacks the WIZARDS_WRITE scope');
  }
  return user;
}

/**
 * Inactive steps, sets, options and rules are part of a definition under construction: only
 * authors (an API key: with WIZARDS_READ) may list them.
 */
export function requireInactiveAccess(viewer: Viewer): void {
  if (!(isAuthor(viewer) && hasScope(viewer, ApiScope.WIZARDS_READ))) {
    throw forbidden('includeInactive is for authors (ADMIN) only');
  }
}

/**
 * An author reading wizards as authors see them (drafts, inactive parts): ADMIN or SUPER_ADMIN,
 * through an API key only with WIZARDS_READ.
 */
export function requireAuthorReader(viewer: Viewer): UserViewer {
  const user = requireUser(viewer);
  if (!isAuthor(user)) throw forbidden('Only authors (ADMIN) may read wizard definitions');
  if (!hasScope(user, ApiScope.WIZARDS_READ)) {
    throw forbidden('This API key lacks the WIZARDS_READ scope');
  }
  return user;
}
