import { UserRole } from '../entities/enums';

/** Who is asking. Services take a Viewer and never read the GraphQL context themselves. */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly userId: number; readonly role: UserRole };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** Authors (ADMIN and SUPER_ADMIN) see every wizard, including drafts and private ones. */
export function isAuthor(viewer: Viewer): boolean {
  return (
    viewer.kind === 'user' &&
    (viewer.role === UserRole.ADMIN || viewer.role === UserRole.SUPER_ADMIN)
  );
}
