import { checkText } from '../../src/runtime/value-rules';
import { checkValidationRules } from '../../src/services/authoring/validation-rules';
import { SelectionType } from '../../src/entities/enums';

/**
 * Answers are matched with RE2 (linear time). These patterns pass the authoring check's
 * backtracking heuristic yet make a JavaScript RegExp run for ages on a long answer
 * (polynomial or exponential): on a backtracking engine these tests would not finish.
 */
describe('patterns on answers', () => {
  const long = 'a'.repeat(9_999);

  it.each([
    ['a run of stars that safe-regex2 accepts', 'a*a*a*a*a*a*b', long],
    ['a nested quantifier (stored before the check existed)', '^(a+)+$', `${long}!`],
    ['alternation that overlaps', '^(a|aa)+$', `${long}!`],
  ])('%s is matched in one pass', (_name, pattern, text) => {
    expect(checkText(text, { pattern })).toEqual([
      { code: 'PATTERN', message: 'Not in the expected format.' },
    ]);
  });

  it('matches what JavaScript matches for the demo patterns', () => {
    const email = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
    const vat = '^[A-Z]{2}[0-9A-Z]{2,12}$';
    for (const [pattern, text] of [
      [email, 'ann@example.com'],
      [email, 'ann@example'],
      [vat, 'DE123456789'],
      [vat, 'de123'],
      ['^\\p{L}+$', 'héllo'],
      ['^\\p{L}+$', 'h3llo'],
    ]) {
      const expected = new RegExp(pattern, 'u').test(text) ? [] : ['PATTERN'];
      expect(checkText(text, { pattern }).map((problem) => problem.code)).toEqual(expected);
    }
  });

  it('reports a stored pattern RE2 cannot run as RULE_INVALID', () => {
    expect(checkText('abc', { pattern: '(?=a)abc' })).toEqual([
      { code: 'RULE_INVALID', message: 'The pattern of this set is invalid.' },
    ]);
  });

  it('refuses lookaround and backreferences when the rules are saved', () => {
    for (const pattern of ['^(?=a)abc$', '^(a)\\1$', '^a(?!b)'])
      expect(checkValidationRules(SelectionType.TEXT_INPUT, { pattern })).toEqual([
        {
          field: 'validationRules.pattern',
          message:
            'must also be valid for RE2, which matches answers: no lookaround, no backreferences',
        },
      ]);
  });
});
