import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schema of seed 000, statement for statement, with one deliberate upgrade: every TIMESTAMP is
 * TIMESTAMPTZ. Written as raw SQL (not generated) so that constraint, index and trigger names are
 * exactly the seed's; a test compares the result with the seed's own SQL catalog item by item.
 */
export class InitialSchema1795345200000 implements MigrationInterface {
  name = 'InitialSchema1795345200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP_STATEMENTS) {
      await queryRunner.query(statement);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN_STATEMENTS) {
      await queryRunner.query(statement);
    }
  }
}

const UP_STATEMENTS: readonly string[] = [
  `CREATE EXTENSION IF NOT EXISTS "uuid-ossp";`,
  `CREATE TABLE users (
    user_id SERIAL PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    full_name VARCHAR(200),
    password_hash VARCHAR(255) NOT NULL,
    user_role VARCHAR(20) DEFAULT 'USER' CHECK (user_role IN ('USER', 'ADMIN', 'SUPER_ADMIN')),
    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    last_login TIMESTAMPTZ
  );`,
  `CREATE INDEX idx_users_email ON users(email);`,
  `CREATE INDEX idx_users_role ON users(user_role);`,
  `CREATE TABLE wizards (
    wizard_id SERIAL PRIMARY KEY,
    wizard_key VARCHAR(100) UNIQUE NOT NULL,
    wizard_name VARCHAR(200) NOT NULL,
    wizard_description TEXT,
    wizard_category VARCHAR(100),

    -- Display Settings
    wizard_icon VARCHAR(100),
    wizard_color VARCHAR(50),
    wizard_banner_image VARCHAR(255),

    -- Configuration
    allow_save_progress BOOLEAN DEFAULT TRUE,
    allow_templates BOOLEAN DEFAULT TRUE,
    require_login BOOLEAN DEFAULT TRUE,
    max_steps INTEGER,
    estimated_time_minutes INTEGER,

    -- Status
    is_active BOOLEAN DEFAULT TRUE,
    is_public BOOLEAN DEFAULT TRUE,
    is_featured BOOLEAN DEFAULT FALSE,

    -- Metadata
    version VARCHAR(20) DEFAULT '1.0',
    created_by INTEGER REFERENCES users(user_id),
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    published_at TIMESTAMPTZ,

    -- Analytics
    total_starts INTEGER DEFAULT 0,
    total_completions INTEGER DEFAULT 0,
    avg_completion_time_minutes INTEGER
  );`,
  `CREATE INDEX idx_wizards_key ON wizards(wizard_key);`,
  `CREATE INDEX idx_wizards_active ON wizards(is_active, is_public);`,
  `CREATE INDEX idx_wizards_category ON wizards(wizard_category);`,
  `CREATE INDEX idx_wizards_featured ON wizards(is_featured);`,
  `CREATE TABLE wizard_steps (
    step_id SERIAL PRIMARY KEY,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    step_key VARCHAR(100) NOT NULL,
    step_name VARCHAR(100) NOT NULL,
    step_order INTEGER NOT NULL,
    step_title VARCHAR(200),
    step_description TEXT,
    step_help_text TEXT,

    -- Step Configuration
    is_required BOOLEAN DEFAULT TRUE,
    allow_back_navigation BOOLEAN DEFAULT TRUE,
    auto_advance BOOLEAN DEFAULT FALSE,
    show_progress_bar BOOLEAN DEFAULT TRUE,

    -- Display
    step_icon VARCHAR(100),

    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT unique_step_key UNIQUE (wizard_id, step_key)
  );`,
  `CREATE INDEX idx_steps_wizard ON wizard_steps(wizard_id);`,
  `CREATE INDEX idx_steps_wizard_order ON wizard_steps(wizard_id, step_order);`,
  `CREATE TABLE wizard_option_sets (
    set_id SERIAL PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id) ON DELETE CASCADE,
    set_key VARCHAR(100) NOT NULL,
    set_name VARCHAR(100) NOT NULL,
    set_title VARCHAR(200),
    set_description TEXT,
    set_help_text TEXT,
    set_order INTEGER DEFAULT 0,

    -- Configuration
    selection_type VARCHAR(20) DEFAULT 'SINGLE' CHECK (selection_type IN ('SINGLE', 'MULTIPLE', 'TEXT_INPUT', 'FILE_UPLOAD', 'DATE_PICKER')),
    is_required BOOLEAN DEFAULT TRUE,
    min_selections INTEGER DEFAULT 0,
    max_selections INTEGER,

    -- Validation
    validation_rules JSONB,

    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT unique_set_key UNIQUE (step_id, set_key)
  );`,
  `CREATE INDEX idx_option_sets_step ON wizard_option_sets(step_id);`,
  `CREATE INDEX idx_option_sets_step_order ON wizard_option_sets(step_id, set_order);`,
  `CREATE TABLE wizard_options (
    option_id SERIAL PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES wizard_option_sets(set_id) ON DELETE CASCADE,
    option_key VARCHAR(100) NOT NULL,
    option_label VARCHAR(200) NOT NULL,
    option_description TEXT,
    option_value VARCHAR(255),
    option_icon VARCHAR(100),
    option_image_url VARCHAR(255),
    option_price DECIMAL(10, 2) DEFAULT 0.00,
    option_order INTEGER DEFAULT 0,

    -- Configuration
    is_default BOOLEAN DEFAULT FALSE,
    is_disabled BOOLEAN DEFAULT FALSE,
    is_recommended BOOLEAN DEFAULT FALSE,
    requires_input BOOLEAN DEFAULT FALSE,
    input_placeholder VARCHAR(255),

    -- Metadata
    option_metadata JSONB,

    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT unique_option_key UNIQUE (set_id, option_key)
  );`,
  `CREATE INDEX idx_options_set ON wizard_options(set_id);`,
  `CREATE INDEX idx_options_set_order ON wizard_options(set_id, option_order);`,
  `CREATE TABLE wizard_flow_rules (
    rule_id SERIAL PRIMARY KEY,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    rule_name VARCHAR(100),
    rule_description TEXT,

    from_step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id),
    from_option_id INTEGER REFERENCES wizard_options(option_id),
    to_step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id),

    condition_type VARCHAR(20) DEFAULT 'REQUIRED' CHECK (condition_type IN ('REQUIRED', 'OPTIONAL', 'CONDITIONAL')),
    condition_expression TEXT,
    priority INTEGER DEFAULT 0,

    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
  );`,
  `CREATE INDEX idx_flow_rules_wizard ON wizard_flow_rules(wizard_id);`,
  `CREATE INDEX idx_flow_rules_from ON wizard_flow_rules(from_step_id, from_option_id);`,
  `CREATE TABLE wizard_option_dependencies (
    dependency_id SERIAL PRIMARY KEY,
    option_id INTEGER NOT NULL REFERENCES wizard_options(option_id) ON DELETE CASCADE,
    depends_on_step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id),
    depends_on_option_id INTEGER NOT NULL REFERENCES wizard_options(option_id),
    dependency_type VARCHAR(20) DEFAULT 'SHOW_IF' CHECK (dependency_type IN ('SHOW_IF', 'HIDE_IF', 'REQUIRE_IF', 'DISABLE_IF')),
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
  );`,
  `CREATE INDEX idx_option_deps_option ON wizard_option_dependencies(option_id);`,
  `CREATE INDEX idx_option_deps_depends ON wizard_option_dependencies(depends_on_step_id, depends_on_option_id);`,
  `CREATE TABLE wizard_set_dependencies (
    dependency_id SERIAL PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES wizard_option_sets(set_id) ON DELETE CASCADE,
    depends_on_step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id),
    depends_on_option_id INTEGER NOT NULL REFERENCES wizard_options(option_id),
    dependency_type VARCHAR(20) DEFAULT 'SHOW_IF' CHECK (dependency_type IN ('SHOW_IF', 'HIDE_IF', 'REQUIRE_IF')),
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
  );`,
  `CREATE INDEX idx_set_deps_set ON wizard_set_dependencies(set_id);`,
  `CREATE INDEX idx_set_deps_depends ON wizard_set_dependencies(depends_on_step_id, depends_on_option_id);`,
  `CREATE TABLE wizard_user_sessions (
    session_id SERIAL PRIMARY KEY,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    session_name VARCHAR(255) NOT NULL,
    session_token VARCHAR(255) UNIQUE NOT NULL,
    session_description TEXT,

    -- Session Status
    current_step_id INTEGER REFERENCES wizard_steps(step_id),
    is_completed BOOLEAN DEFAULT FALSE,
    is_template BOOLEAN DEFAULT FALSE,

    -- Privacy Control
    store_user_data BOOLEAN DEFAULT TRUE,

    -- Timestamps
    started_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMPTZ,
    last_modified TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMPTZ,

    -- Metadata
    total_price DECIMAL(10, 2) DEFAULT 0.00,
    session_metadata JSONB,

    -- Analytics
    completion_time_minutes INTEGER
  );`,
  `CREATE INDEX idx_sessions_wizard ON wizard_user_sessions(wizard_id);`,
  `CREATE INDEX idx_sessions_user ON wizard_user_sessions(user_id);`,
  `CREATE INDEX idx_sessions_token ON wizard_user_sessions(session_token);`,
  `CREATE INDEX idx_sessions_wizard_user ON wizard_user_sessions(wizard_id, user_id, is_completed);`,
  `CREATE TABLE wizard_user_selections (
    selection_id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES wizard_user_sessions(session_id) ON DELETE CASCADE,
    step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id),
    set_id INTEGER NOT NULL REFERENCES wizard_option_sets(set_id),
    option_id INTEGER REFERENCES wizard_options(option_id),
    selected_value TEXT,

    -- User Input Data
    additional_input JSONB,
    additional_input_encrypted TEXT,

    -- Tracking
    selected_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    selection_order INTEGER,
    time_spent_seconds INTEGER
  );`,
  `CREATE INDEX idx_selections_session ON wizard_user_selections(session_id);`,
  `CREATE INDEX idx_selections_session_step ON wizard_user_selections(session_id, step_id);`,
  `CREATE INDEX idx_selections_session_order ON wizard_user_selections(session_id, selection_order);`,
  `CREATE TABLE wizard_step_skips (
    skip_id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES wizard_user_sessions(session_id) ON DELETE CASCADE,
    step_id INTEGER NOT NULL REFERENCES wizard_steps(step_id),
    skip_reason VARCHAR(255),
    skipped_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT unique_session_step_skip UNIQUE (session_id, step_id)
  );`,
  `CREATE INDEX idx_step_skips_session ON wizard_step_skips(session_id);`,
  `CREATE TABLE wizard_session_templates (
    template_id SERIAL PRIMARY KEY,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    original_session_id INTEGER NOT NULL REFERENCES wizard_user_sessions(session_id),
    user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    template_name VARCHAR(255) NOT NULL,
    template_description TEXT,

    -- Template Configuration
    config_json JSONB NOT NULL,
    config_summary TEXT,

    -- Template Metadata
    is_public BOOLEAN DEFAULT FALSE,
    is_official BOOLEAN DEFAULT FALSE,
    use_count INTEGER DEFAULT 0,
    last_used_at TIMESTAMPTZ,

    -- Tags
    tags JSONB,

    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
  );`,
  `CREATE INDEX idx_templates_wizard ON wizard_session_templates(wizard_id);`,
  `CREATE INDEX idx_templates_user ON wizard_session_templates(user_id);`,
  `CREATE INDEX idx_templates_wizard_public ON wizard_session_templates(wizard_id, is_public);`,
  `CREATE TABLE wizard_session_replays (
    replay_id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    template_id INTEGER REFERENCES wizard_session_templates(template_id),
    original_session_id INTEGER REFERENCES wizard_user_sessions(session_id),
    new_session_id INTEGER NOT NULL REFERENCES wizard_user_sessions(session_id) ON DELETE CASCADE,

    replay_with_data BOOLEAN DEFAULT FALSE,
    modifications_made BOOLEAN DEFAULT FALSE,

    replayed_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
  );`,
  `CREATE INDEX idx_replays_user ON wizard_session_replays(user_id);`,
  `CREATE INDEX idx_replays_wizard ON wizard_session_replays(wizard_id);`,
  `CREATE INDEX idx_replays_template ON wizard_session_replays(template_id);`,
  `CREATE TABLE wizard_session_shares (
    share_id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES wizard_user_sessions(session_id) ON DELETE CASCADE,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    shared_by_user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    shared_with_user_id INTEGER REFERENCES users(user_id) ON DELETE CASCADE,
    share_token VARCHAR(255) UNIQUE NOT NULL,

    -- Permissions
    can_view BOOLEAN DEFAULT TRUE,
    can_clone BOOLEAN DEFAULT TRUE,
    can_edit BOOLEAN DEFAULT FALSE,

    -- Settings
    include_user_data BOOLEAN DEFAULT FALSE,
    expires_at TIMESTAMPTZ,
    max_uses INTEGER,
    use_count INTEGER DEFAULT 0,

    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    is_active BOOLEAN DEFAULT TRUE
  );`,
  `CREATE INDEX idx_shares_token ON wizard_session_shares(share_token);`,
  `CREATE INDEX idx_shares_session ON wizard_session_shares(session_id);`,
  `CREATE INDEX idx_shares_wizard ON wizard_session_shares(wizard_id);`,
  `CREATE TABLE wizard_session_activity_log (
    log_id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES wizard_user_sessions(session_id) ON DELETE CASCADE,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    activity_type VARCHAR(50) NOT NULL CHECK (activity_type IN (
        'SESSION_STARTED',
        'STEP_COMPLETED',
        'STEP_SKIPPED',
        'SESSION_PAUSED',
        'SESSION_RESUMED',
        'SESSION_COMPLETED',
        'SESSION_SAVED_AS_TEMPLATE',
        'SESSION_REPLAYED',
        'SESSION_SHARED',
        'SESSION_DELETED'
    )),
    activity_details JSONB,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
  );`,
  `CREATE INDEX idx_activity_session ON wizard_session_activity_log(session_id);`,
  `CREATE INDEX idx_activity_wizard ON wizard_session_activity_log(wizard_id);`,
  `CREATE INDEX idx_activity_user ON wizard_session_activity_log(user_id);`,
  `CREATE INDEX idx_activity_type ON wizard_session_activity_log(activity_type);`,
  `CREATE INDEX idx_activity_created ON wizard_session_activity_log(created_at);`,
  `CREATE TABLE wizard_analytics (
    analytics_id SERIAL PRIMARY KEY,
    wizard_id INTEGER NOT NULL REFERENCES wizards(wizard_id) ON DELETE CASCADE,
    analytics_date DATE NOT NULL,

    -- Daily Stats
    total_starts INTEGER DEFAULT 0,
    total_completions INTEGER DEFAULT 0,
    total_abandons INTEGER DEFAULT 0,

    -- Step Analytics
    avg_completion_time_minutes DECIMAL(10, 2),
    most_abandoned_step_id INTEGER REFERENCES wizard_steps(step_id),
    most_time_spent_step_id INTEGER REFERENCES wizard_steps(step_id),

    -- User Analytics
    unique_users INTEGER DEFAULT 0,
    returning_users INTEGER DEFAULT 0,

    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT unique_wizard_date UNIQUE (wizard_id, analytics_date)
  );`,
  `CREATE INDEX idx_analytics_wizard ON wizard_analytics(wizard_id);`,
  `CREATE INDEX idx_analytics_date ON wizard_analytics(analytics_date);`,
  `CREATE INDEX idx_analytics_wizard_date ON wizard_analytics(wizard_id, analytics_date);`,
  // The body is stored verbatim by PostgreSQL (prosrc), so it keeps the seed's exact text.
  [
    'CREATE OR REPLACE FUNCTION update_updated_at_column()',
    'RETURNS TRIGGER AS $$',
    'BEGIN',
    '    NEW.updated_at = CURRENT_TIMESTAMP;',
    '    RETURN NEW;',
    'END;',
    "$$ language 'plpgsql';",
  ].join('\n'),
  `CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`,
  `CREATE TRIGGER update_wizards_updated_at BEFORE UPDATE ON wizards
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`,
  `CREATE TRIGGER update_wizard_steps_updated_at BEFORE UPDATE ON wizard_steps
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`,
  `CREATE TRIGGER update_wizard_session_templates_updated_at BEFORE UPDATE ON wizard_session_templates
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`,
  `CREATE VIEW v_wizard_overview AS
  SELECT
    w.*,
    COUNT(DISTINCT ws.step_id) as total_steps,
    COUNT(DISTINCT t.template_id) as total_templates
  FROM wizards w
  LEFT JOIN wizard_steps ws ON ws.wizard_id = w.wizard_id AND ws.is_active = TRUE
  LEFT JOIN wizard_session_templates t ON t.wizard_id = w.wizard_id
  GROUP BY w.wizard_id;`,
  `CREATE VIEW v_user_session_summary AS
  SELECT
    s.session_id,
    s.session_name,
    s.wizard_id,
    w.wizard_name,
    s.user_id,
    u.email,
    u.full_name,
    s.is_completed,
    s.started_at,
    s.completed_at,
    COUNT(DISTINCT sel.step_id) as steps_completed,
    (SELECT COUNT(*) FROM wizard_steps WHERE wizard_id = s.wizard_id AND is_active = TRUE) as total_steps
  FROM wizard_user_sessions s
  JOIN wizards w ON w.wizard_id = s.wizard_id
  JOIN users u ON u.user_id = s.user_id
  LEFT JOIN wizard_user_selections sel ON sel.session_id = s.session_id
  GROUP BY s.session_id, w.wizard_name, u.email, u.full_name;`,
  `COMMENT ON TABLE wizards IS 'Stores wizard definitions and metadata';`,
  `COMMENT ON TABLE wizard_steps IS 'Stores steps within each wizard';`,
  `COMMENT ON TABLE wizard_option_sets IS 'Groups of options within each step';`,
  `COMMENT ON TABLE wizard_options IS 'Individual selectable options';`,
  `COMMENT ON TABLE wizard_user_sessions IS 'User sessions for completing wizards';`,
  `COMMENT ON TABLE wizard_session_templates IS 'Saved configurations for reuse';`,
];

// Reverse order; dropping a table drops its indexes, constraints and triggers. The uuid-ossp
// extension is left in place: it may predate this migration and other objects may use it.
const DOWN_STATEMENTS: readonly string[] = [
  'DROP VIEW v_user_session_summary',
  'DROP VIEW v_wizard_overview',
  'DROP TABLE wizard_analytics',
  'DROP TABLE wizard_session_activity_log',
  'DROP TABLE wizard_session_shares',
  'DROP TABLE wizard_session_replays',
  'DROP TABLE wizard_session_templates',
  'DROP TABLE wizard_step_skips',
  'DROP TABLE wizard_user_selections',
  'DROP TABLE wizard_user_sessions',
  'DROP TABLE wizard_set_dependencies',
  'DROP TABLE wizard_option_dependencies',
  'DROP TABLE wizard_flow_rules',
  'DROP TABLE wizard_options',
  'DROP TABLE wizard_option_sets',
  'DROP TABLE wizard_steps',
  'DROP TABLE wizards',
  'DROP TABLE users',
  'DROP FUNCTION update_updated_at_column()',
];
