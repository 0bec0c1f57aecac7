import { registerEnumType } from 'type-graphql';

/** What an author did (audit_log.action). */
export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  REORDER = 'REORDER',
  PUBLISH = 'PUBLISH',
  UNPUBLISH = 'UNPUBLISH',
  IMPORT = 'IMPORT',
  CLONE = 'CLONE',
}

/** Which part of a wizard changed (audit_log.entity_type). */
export enum AuditEntityType {
  WIZARD = 'WIZARD',
  STEP = 'STEP',
  OPTION_SET = 'OPTION_SET',
  OPTION = 'OPTION',
  FLOW_RULE = 'FLOW_RULE',
  OPTION_DEPENDENCY = 'OPTION_DEPENDENCY',
  SET_DEPENDENCY = 'SET_DEPENDENCY',
}

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an author did.',
  valuesConfig: {
    CREATE: { description: 'Created it.' },
    UPDATE: { description: 'Changed some of its fields.' },
    DELETE: { description: 'Deleted it.' },
    REORDER: { description: 'Changed the order of its children.' },
    PUBLISH: { description: 'Published the wizard.' },
    UNPUBLISH: { description: 'Took the wizard off offer.' },
    IMPORT: { description: 'Created the wizard from a definition document.' },
    CLONE: { description: 'Created the wizard as a copy of another.' },
  },
});
registerEnumType(AuditEntityType, {
  name: 'AuditEntityType',
  description: 'Which part of a wizard an audit entry is about.',
  valuesConfig: {
    WIZARD: { description: 'The wizard itself.' },
    STEP: { description: 'A step.' },
    OPTION_SET: { description: 'An option set.' },
    OPTION: { description: 'An option.' },
    FLOW_RULE: { description: 'A flow rule.' },
    OPTION_DEPENDENCY: { description: 'A dependency of an option.' },
    SET_DEPENDENCY: { description: 'A dependency of an option set.' },
  },
});
