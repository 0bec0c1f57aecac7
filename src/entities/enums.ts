import { registerEnumType } from 'type-graphql';

/** users.user_role CHECK list. */
export enum UserRole {
  USER = 'USER',
  ADMIN = 'ADMIN',
  SUPER_ADMIN = 'SUPER_ADMIN',
}

/** wizard_option_sets.selection_type CHECK list. */
export enum SelectionType {
  SINGLE = 'SINGLE',
  MULTIPLE = 'MULTIPLE',
  TEXT_INPUT = 'TEXT_INPUT',
  FILE_UPLOAD = 'FILE_UPLOAD',
  DATE_PICKER = 'DATE_PICKER',
}

/** wizard_flow_rules.condition_type CHECK list. */
export enum ConditionType {
  REQUIRED = 'REQUIRED',
  OPTIONAL = 'OPTIONAL',
  CONDITIONAL = 'CONDITIONAL',
}

/** wizard_option_dependencies.dependency_type CHECK list. */
export enum DependencyType {
  SHOW_IF = 'SHOW_IF',
  HIDE_IF = 'HIDE_IF',
  REQUIRE_IF = 'REQUIRE_IF',
  DISABLE_IF = 'DISABLE_IF',
}

/** wizard_set_dependencies.dependency_type CHECK list (no DISABLE_IF for whole sets). */
export enum SetDependencyType {
  SHOW_IF = 'SHOW_IF',
  HIDE_IF = 'HIDE_IF',
  REQUIRE_IF = 'REQUIRE_IF',
}

/** wizard_session_activity_log.activity_type CHECK list. */
export enum ActivityType {
  SESSION_STARTED = 'SESSION_STARTED',
  STEP_COMPLETED = 'STEP_COMPLETED',
  STEP_SKIPPED = 'STEP_SKIPPED',
  SESSION_PAUSED = 'SESSION_PAUSED',
  SESSION_RESUMED = 'SESSION_RESUMED',
  SESSION_COMPLETED = 'SESSION_COMPLETED',
  SESSION_SAVED_AS_TEMPLATE = 'SESSION_SAVED_AS_TEMPLATE',
  SESSION_REPLAYED = 'SESSION_REPLAYED',
  SESSION_SHARED = 'SESSION_SHARED',
  SESSION_DELETED = 'SESSION_DELETED',
}

/** SQL for a CHECK constraint that limits a column to an enum's values, as the seed writes it. */
export function checkIn(column: string, values: Record<string, string>): string {
  return `${column} IN (${Object.values(values)
    .map((v) => `'${v}'`)
    .join(', ')})`;
}

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'What an account may do: run sessions, author wizards, or also manage users.',
  valuesConfig: {
    USER: { description: 'Runs wizard sessions.' },
    ADMIN: { description: 'Authors wizards and reads their analytics and activity.' },
    SUPER_ADMIN: { description: 'Everything an ADMIN can do, plus managing users.' },
  },
});
registerEnumType(SelectionType, {
  name: 'SelectionType',
  description: 'How an option set is answered.',
  valuesConfig: {
    SINGLE: { description: 'At most one option; exactly one when the set is required.' },
    MULTIPLE: { description: 'Between minSelections and maxSelections options.' },
    TEXT_INPUT: { description: 'A free-text value checked against the validation rules.' },
    FILE_UPLOAD: { description: 'A file reference checked against mimeTypes and maxBytes.' },
    DATE_PICKER: { description: 'A calendar date checked against min and max.' },
  },
});
registerEnumType(ConditionType, {
  name: 'ConditionType',
  description: 'How a flow rule decides whether it sends the session to its target step.',
  valuesConfig: {
    REQUIRED: { description: 'Always go to the target step when the rule applies.' },
    OPTIONAL: { description: 'Go to the target step, which may then be skipped.' },
    CONDITIONAL: { description: 'Go to the target step only while the CEL condition holds.' },
  },
});
registerEnumType(DependencyType, {
  name: 'DependencyType',
  description: 'How an earlier answer changes an option.',
  valuesConfig: {
    SHOW_IF: { description: 'Visible only while at least one SHOW_IF source is selected.' },
    HIDE_IF: { description: 'Hidden while any HIDE_IF source is selected.' },
    REQUIRE_IF: { description: 'Must be selected while the source is selected.' },
    DISABLE_IF: { description: 'Shown but not selectable while the source is selected.' },
  },
});
registerEnumType(SetDependencyType, {
  name: 'SetDependencyType',
  description: 'How an earlier answer changes a whole option set.',
  valuesConfig: {
    SHOW_IF: { description: 'Visible only while at least one SHOW_IF source is selected.' },
    HIDE_IF: { description: 'Hidden while any HIDE_IF source is selected.' },
    REQUIRE_IF: { description: 'The set becomes required while the source is selected.' },
  },
});
registerEnumType(ActivityType, {
  name: 'ActivityType',
  description: 'The kind of transition recorded in a session activity row.',
  valuesConfig: {
    SESSION_STARTED: { description: 'startSession (details: wizard version, first step, guest).' },
    STEP_COMPLETED: {
      description: 'submitStep (details: step, where the flow went and why, pruned, price).',
    },
    STEP_SKIPPED: { description: 'skipStep (details: step, where the flow went).' },
    SESSION_PAUSED: { description: 'pauseSession.' },
    SESSION_RESUMED: { description: 'resumeSession (details: seconds paused).' },
    SESSION_COMPLETED: {
      description: 'completeSession (details: total price, minutes taken, steps done).',
    },
    SESSION_SAVED_AS_TEMPLATE: { description: 'The session was saved as a template.' },
    SESSION_REPLAYED: { description: 'A new session replays this one.' },
    SESSION_SHARED: { description: 'The session was shared.' },
    SESSION_DELETED: { description: 'deleteSession (the session is gone; this row stays).' },
  },
});
