import { InitialSchema1795345200000 } from './1795345200000-initial-schema';

/** Every migration, oldest first. Listed explicitly so builds and tests need no file globbing. */
export const MIGRATIONS = [InitialSchema1795345200000];
