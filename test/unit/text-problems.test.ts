import { parse } from 'graphql';
import { badText } from '../../src/graphql/text-input/bad-text';
import { MAX_TEXT_PROBLEMS, textProblems } from '../../src/graphql/text-input/text-problems';

const fields = (document: string, variables?: Record<string, unknown>) =>
  textProblems(parse(document), variables).map((problem) => problem.field);

describe('badText', () => {
  it('refuses U+0000 and lone surrogates of either half, and takes pairs', () => {
    expect(badText('a\u0000')).toMatch(/U\+0000/);
    expect(badText('\ud800')).toMatch(/surrogate/);
    expect(badText('x\udc00y')).toMatch(/surrogate/);
    expect(badText('\ude00\ud83d')).toMatch(/surrogate/);
    expect(badText('\ud83d\ude00 and \u00e9')).toBeNull();
  });
});

describe('textProblems', () => {
  it('names fields inside `input` directly, other arguments by name, list items by index', () => {
    const document = `mutation($input: X!, $tags: [String!], $key: String) {
      a(input: $input) { id } b(filter: { tags: $tags }) { id } c(key: $key) { id } }`;
    expect(
      fields(document, {
        input: { answers: [{ value: 'ok' }, { value: '\u0000' }] },
        tags: ['ok', '\ud800'],
        key: '\u0000',
      }),
    ).toEqual(['answers[1].value', 'filter.tags[1]', 'key']);
  });

  it('checks literals, variable defaults and nested object keys, never undeclared variables', () => {
    const document = `query($q: String = "\\u0000") { a(input: { list: ["\\u0000"] }) { id } b(q: $q) { id } }`;
    expect(fields(document, { undeclared: '\u0000' })).toEqual(['list[0]', 'q']);
    expect(
      fields('query($j: JSON) { a(j: $j) { id } }', { j: { deep: { 'k\u0000': 1 } } }),
    ).toEqual(['j.deep']);
  });

  it('walks deep values without overflowing and reports a bounded number of problems', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fields('query($j: JSON) { a(j: $j) { id } }', { j: deep })).toHaveLength(1);
    const many = Array.from({ length: 1000 }, () => '\u0000');
    expect(fields('query($j: [String]) { a(j: $j) { id } }', { j: many })).toHaveLength(
      MAX_TEXT_PROBLEMS,
    );
  });
});
