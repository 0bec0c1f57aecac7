import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_CODES, lintWizard } from '../../src/authoring/lint';
import { checkCondition } from '../../src/rules';
import { DEMO_WIZARDS } from '../../src/seed/demo';
import { wizardModelFromDefinition } from '../helpers/wizard-model';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe.each(DEMO_WIZARDS)('the demo wizard $key', (definition) => {
  it('passes the logic check without findings', () => {
    expect(lintWizard(wizardModelFromDefinition(definition))).toEqual([]);
  });
});

describe('README', () => {
  it('lists every finding code with its severity', () => {
    for (const [code, { severity }] of Object.entries(LINT_CODES))
      expect(readme).toMatch(new RegExp(`\\| \`${code}\` +\\| ${severity} +\\|`));
  });

  it('shows condition examples that check against a demo wizard', () => {
    const block = /```cel\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const examples = block.split('\n').filter(Boolean);
    expect(examples.length).toBeGreaterThan(3);
    const models = DEMO_WIZARDS.map((definition) => wizardModelFromDefinition(definition));
    for (const example of examples) {
      const valid = models.some((model) => checkCondition(example, model).length === 0);
      expect({ example, valid }).toEqual({ example, valid: true });
    }
  });
});
