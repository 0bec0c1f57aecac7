import type { ApiScope } from '../entities/api-scope';
import { UserRole } from '../entities/enums';

/** Who is asking. Services take a Viewer and never read the GraphQL context themselves. */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly userId: number;
      readonly role: UserRole;
      /** Set when the caller used an API key: what the key allows (a session allows everything). */
      readonly scopes?: readonly ApiScope[];
      /** The API key used, if any (kept in the audit trail). */
      readonly apiKeyId?: number;
      /** From a token: the password it was issued under (a long subscription re-checks it). */
      readonly passwordVersion?: string;
    }
  | {
      /**
       * Someone holding the token of a guest session (a wizard that needs no login): the token is
       * the credential for that one session and for nothing else.
       */
      readonly kind: 'guest';
      /** The account the server created for the session. */
      readonly userId: number;
      readonly sessionId: number;
    };

export type UserViewer = Extract<Viewer, { kind: 'user' }>;
export type GuestViewer = Extract<Viewer, { kind: 'guest' }>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** Whether a session or an API key with this scope is asking. */
export function hasScope(viewer: Viewer, scope: ApiScope): boolean {
  return viewer.kind === 'user' && (viewer.scopes === undefined || viewer.scopes.includes(scope));
}

export function isApiKey(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.scopes !== undefined;
}

/** Authors (ADMIN and SUPER_ADMIN) see every wizard, including drafts and private ones. */
export function isAuthor(viewer: Viewer): boolean {
  return (
    viewer.kind === 'user' &&
    (viewer.role === UserRole.ADMIN || viewer.role === UserRole.SUPER_ADMIN)
  );
}
