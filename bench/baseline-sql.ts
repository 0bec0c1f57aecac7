// The baseline's single statement: the whole wizard tree as JSON text, built inside PostgreSQL.

/**
 * Mirrors what the GraphQL server returns for TREE_QUERY, field for field: ids as text, NULLs read
 * as the column defaults (as the entities' nullAsDefault transformers do), prices as numeric text
 * ("12.00"), "inactive" as `is_active IS FALSE`, children in the loaders' order (raw columns, so
 * NULLs sort last as they do there), and the anonymous viewer's visibility rule (active, public,
 * published). `totalSteps` counts as v_wizard_overview does (`is_active = TRUE`). Yields one row
 * with a `wizard` text column (left unparsed, written out as is), or no row.
 */
export const WIZARD_TREE_SQL = `
SELECT json_build_object(
  'id', w.wizard_id::text,
  'key', w.wizard_key,
  'name', w.wizard_name,
  'description', w.wizard_description,
  'category', w.wizard_category,
  'totalSteps', (
    SELECT count(*)::int FROM wizard_steps c WHERE c.wizard_id = w.wizard_id AND c.is_active = TRUE
  ),
  'steps', COALESCE((
    SELECT json_agg(json_build_object(
      'id', s.step_id::text,
      'key', s.step_key,
      'name', s.step_name,
      'title', s.step_title,
      'order', s.step_order,
      'isRequired', COALESCE(s.is_required, TRUE),
      'optionSets', COALESCE((
        SELECT json_agg(json_build_object(
          'id', os.set_id::text,
          'key', os.set_key,
          'name', os.set_name,
          'selectionType', COALESCE(os.selection_type, 'SINGLE'),
          'isRequired', COALESCE(os.is_required, TRUE),
          'minSelections', COALESCE(os.min_selections, 0),
          'maxSelections', os.max_selections,
          'dependencies', COALESCE((
            SELECT json_agg(json_build_object(
              'id', sd.dependency_id::text,
              'type', COALESCE(sd.dependency_type, 'SHOW_IF'),
              'dependsOnStepId', sd.depends_on_step_id::text,
              'dependsOnOptionId', sd.depends_on_option_id::text
            ) ORDER BY sd.dependency_id)
            FROM wizard_set_dependencies sd
            WHERE sd.set_id = os.set_id
          ), '[]'::json),
          'options', COALESCE((
            SELECT json_agg(json_build_object(
              'id', o.option_id::text,
              'key', o.option_key,
              'label', o.option_label,
              'description', o.option_description,
              'price', COALESCE(o.option_price::text, '0.00'),
              'order', COALESCE(o.option_order, 0),
              'isDefault', COALESCE(o.is_default, FALSE),
              'isDisabled', COALESCE(o.is_disabled, FALSE),
              'isRecommended', COALESCE(o.is_recommended, FALSE),
              'requiresInput', COALESCE(o.requires_input, FALSE),
              'dependencies', COALESCE((
                SELECT json_agg(json_build_object(
                  'id', od.dependency_id::text,
                  'type', COALESCE(od.dependency_type, 'SHOW_IF'),
                  'dependsOnOptionId', od.depends_on_option_id::text
                ) ORDER BY od.dependency_id)
                FROM wizard_option_dependencies od
                WHERE od.option_id = o.option_id
              ), '[]'::json)
            ) ORDER BY o.option_order, o.option_id)
            FROM wizard_options o
            WHERE o.set_id = os.set_id AND o.is_active IS NOT FALSE
          ), '[]'::json)
        ) ORDER BY os.set_order, os.set_id)
        FROM wizard_option_sets os
        WHERE os.step_id = s.step_id AND os.is_active IS NOT FALSE
      ), '[]'::json)
    ) ORDER BY s.step_order, s.step_id)
    FROM wizard_steps s
    WHERE s.wizard_id = w.wizard_id AND s.is_active IS NOT FALSE
  ), '[]'::json),
  'flowRules', COALESCE((
    SELECT json_agg(json_build_object(
      'id', r.rule_id::text,
      'fromStepId', r.from_step_id::text,
      'fromOptionId', r.from_option_id::text,
      'toStepId', r.to_step_id::text,
      'conditionType', COALESCE(r.condition_type, 'REQUIRED'),
      'priority', COALESCE(r.priority, 0)
    ) ORDER BY r.rule_id)
    FROM wizard_flow_rules r
    WHERE r.wizard_id = w.wizard_id AND r.is_active IS NOT FALSE
  ), '[]'::json)
)::text AS wizard
FROM wizards w
WHERE w.wizard_id = $1
  AND w.is_active IS NOT FALSE
  AND w.is_public IS NOT FALSE
  AND w.published_at IS NOT NULL
`;
