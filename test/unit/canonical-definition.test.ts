import 'reflect-metadata';
import { getMetadataArgsStorage } from 'typeorm';
import { canonicalDefinition, canonicalPrice } from '../../src/definitions/canonical-definition';
import {
  FLOW_RULE_DEFAULTS,
  OPTION_DEFAULTS,
  OPTION_SET_DEFAULTS,
  STEP_DEFAULTS,
  WIZARD_DEFAULTS,
} from '../../src/definitions/definition-defaults';
import {
  FLOW_RULE_SPEC,
  OPTION_SET_SPEC,
  OPTION_SPEC,
  STEP_SPEC,
  WIZARD_SPEC,
  type LevelSpec,
} from '../../src/definitions/validation/definition-schema';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import {
  Wizard,
  WizardFlowRule,
  WizardOption,
  WizardOptionSet,
  WizardStep,
} from '../../src/entities';
import { DEMO_WIZARDS, tarotReading } from '../../src/seed/demo';
import { everyFieldWizard } from '../fixtures/every-field-wizard';

/** The DEFAULT of each column that a document field sets (the field may be left out). */
function columnDefaults(entity: object, spec: LevelSpec): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const column of getMetadataArgsStorage().columns) {
    const fallback = column.options.default as unknown;
    if (column.target !== entity || fallback === undefined) continue;
    if (!(column.propertyName in spec) || spec[column.propertyName].required) continue;
    defaults[column.propertyName] = typeof fallback === 'function' ? fallback() : fallback;
  }
  return defaults;
}

describe('definition defaults', () => {
  it.each([
    ['wizards', Wizard, WIZARD_SPEC, WIZARD_DEFAULTS],
    ['steps', WizardStep, STEP_SPEC, STEP_DEFAULTS],
    ['option sets', WizardOptionSet, OPTION_SET_SPEC, OPTION_SET_DEFAULTS],
    ['options', WizardOption, OPTION_SPEC, OPTION_DEFAULTS],
    ['flow rules', WizardFlowRule, FLOW_RULE_SPEC, FLOW_RULE_DEFAULTS],
  ])('for %s are exactly the column DEFAULTs', (_level, entity, spec, defaults) => {
    expect(columnDefaults(entity, spec)).toEqual(defaults);
  });
});

describe('canonicalPrice', () => {
  it.each([
    ['0', '0.00'],
    ['1.5', '1.50'],
    ['149.00', '149.00'],
    ['99999999.99', '99999999.99'],
  ])('writes %s as %s', (price, canonical) => {
    expect(canonicalPrice(price)).toBe(canonical);
  });
});

describe('canonicalDefinition', () => {
  it('starts with formatVersion, drops defaults, empty lists and published', () => {
    const written: WizardDefinition = {
      key: 'k',
      name: 'N',
      isActive: true,
      isFeatured: true,
      version: '1.0',
      published: true,
      steps: [
        {
          key: 's',
          name: 'S',
          isRequired: true,
          autoAdvance: true,
          optionSets: [
            {
              key: 'o',
              name: 'O',
              minSelections: 0,
              dependencies: [],
              options: [{ key: 'a', label: 'A', price: '0', isActive: false, dependencies: [] }],
            },
          ],
        },
      ],
      flowRules: [],
    };
    const canonical = canonicalDefinition(written);
    expect(JSON.stringify(canonical)).toBe(
      JSON.stringify({
        formatVersion: 1,
        key: 'k',
        name: 'N',
        isFeatured: true,
        steps: [
          {
            key: 's',
            name: 'S',
            autoAdvance: true,
            optionSets: [
              { key: 'o', name: 'O', options: [{ key: 'a', label: 'A', isActive: false }] },
            ],
          },
        ],
      }),
    );
  });

  it('puts the fields of every level in one order, whatever the order written', () => {
    // Levels and references reversed; free-form JSON (validationRules) is kept as it is.
    const isLevel = (value: unknown): value is object =>
      typeof value === 'object' && value !== null && ('key' in value || 'option' in value);
    const reversed = JSON.parse(JSON.stringify(tarotReading), (_key, value: unknown) =>
      isLevel(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as WizardDefinition;
    expect(JSON.stringify(canonicalDefinition(reversed))).toBe(
      JSON.stringify(canonicalDefinition(tarotReading)),
    );
  });

  it.each([...DEMO_WIZARDS, everyFieldWizard].map((d) => [d.key, d] as const))(
    'is idempotent on %s',
    (_key, definition) => {
      const once = canonicalDefinition(definition);
      expect(JSON.stringify(canonicalDefinition(once))).toBe(JSON.stringify(once));
    },
  );

  it('keeps what differs from a default, including empty strings and zero', () => {
    const canonical = canonicalDefinition(everyFieldWizard);
    expect(canonical).toMatchObject({ estimatedTimeMinutes: 0, isActive: false, version: '2.3' });
    expect(canonical.steps[0]).toMatchObject({ description: '', autoAdvance: true });
    expect(canonical.flowRules![0]).toMatchObject({ priority: -5, isActive: false });
  });
});
