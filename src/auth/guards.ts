import { UserRole } from '../entities/enums';
import { forbidden, unauthenticated } from '../errors/error-code';
import { isApiKey, type UserViewer, type Viewer } from './viewer';

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
