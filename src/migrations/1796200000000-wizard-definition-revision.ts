import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * wizards.definition_revision changes with every change to a wizard's definition: its own row
 * (but not its counters) and every step, option set, option, flow rule and dependency in it,
 * whoever makes the change and through whatever path. Servers cache a wizard's definition keyed
 * by it, so a session reads its wizard's definition from memory while it is current, on every
 * instance. Values come from a sequence: a rolled-back change never hands its number to
 * different content.
 */

const NOT_DEFINITION = [
  'total_starts',
  'total_completions',
  'avg_completion_time_minutes',
  'completion_minutes_total',
  'updated_at',
  'definition_revision',
];

const CHILD_TABLES = [
  'wizard_steps',
  'wizard_option_sets',
  'wizard_options',
  'wizard_flow_rules',
  'wizard_option_dependencies',
  'wizard_set_dependencies',
];

const trigger = (table: string) => `${table}_definition_revision`;

export class WizardDefinitionRevision1796200000000 implements MigrationInterface {
  name = 'WizardDefinitionRevision1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE wizard_definition_revision_seq');
    await queryRunner.query('GRANT USAGE ON SEQUENCE wizard_definition_revision_seq TO wizard_app');
    await queryRunner.query(`ALTER TABLE wizards ADD COLUMN definition_revision BIGINT NOT NULL
      DEFAULT nextval('wizard_definition_revision_seq')`);
    const ignored = NOT_DEFINITION.map((column) => `'${column}'`).join(', ');
    await queryRunner.query(`CREATE FUNCTION wizard_definition_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF (to_jsonb(NEW) - ARRAY[${ignored}]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[${ignored}])
        THEN
          NEW.definition_revision := nextval('public.wizard_definition_revision_seq');
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER wizards_definition_revision BEFORE UPDATE ON wizards
      FOR EACH ROW EXECUTE FUNCTION wizard_definition_changed()`);
    // A child row names its wizard directly (steps, rules), through a step (sets, dependencies)
    // or through its set (options).
    await queryRunner.query(`CREATE FUNCTION wizard_part_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        parts jsonb[] := '{}';
        part jsonb;
        owner integer;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN parts := parts || to_jsonb(OLD); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN parts := parts || to_jsonb(NEW); END IF;
        FOREACH part IN ARRAY parts LOOP
          IF part ? 'wizard_id' THEN
            owner := (part ->> 'wizard_id')::integer;
          ELSIF part ? 'depends_on_step_id' OR part ? 'step_id' THEN
            SELECT st.wizard_id INTO owner FROM public.wizard_steps st
             WHERE st.step_id = COALESCE(part ->> 'depends_on_step_id', part ->> 'step_id')::integer;
          ELSE
            SELECT st.wizard_id INTO owner FROM public.wizard_option_sets os
              JOIN public.wizard_steps st ON st.step_id = os.step_id
             WHERE os.set_id = (part ->> 'set_id')::integer;
          END IF;
          UPDATE public.wizards SET definition_revision = nextval('public.wizard_definition_revision_seq')
           WHERE wizard_id = owner;
        END LOOP;
        RETURN NULL;
      END $$`);
    for (const table of CHILD_TABLES) {
      await queryRunner.query(`CREATE TRIGGER ${trigger(table)}
        AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION wizard_part_changed()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CHILD_TABLES)
      await queryRunner.query(`DROP TRIGGER ${trigger(table)} ON ${table}`);
    await queryRunner.query('DROP FUNCTION wizard_part_changed()');
    await queryRunner.query('DROP TRIGGER wizards_definition_revision ON wizards');
    await queryRunner.query('DROP FUNCTION wizard_definition_changed()');
    await queryRunner.query('ALTER TABLE wizards DROP COLUMN definition_revision');
    await queryRunner.query('DROP SEQUENCE wizard_definition_revision_seq');
  }
}
