import { buildSchema, parse } from 'graphql';
import { CompiledQueries } from '../../src/graphql/compiled-queries';

const schema = buildSchema('type Query { hello(name: String): String }');

describe('CompiledQueries', () => {
  it('compiles a document once per operation and reuses it', () => {
    const queries = new CompiledQueries(schema);
    const document = parse('query A { hello } query B { hello(name: "b") }');
    const a = queries.get(document, 'A');
    expect(a).not.toBeNull();
    expect(queries.get(document, 'A')).toBe(a);
    expect(queries.get(document, 'B')).not.toBe(a);
  });

  it('leaves what graphql-jit cannot compile to graphql-js (null), and remembers that', () => {
    const queries = new CompiledQueries(schema);
    const document = parse('query A { hello }');
    expect(queries.get(document, 'Missing')).toBeNull();
    expect(queries.get(document, 'Missing')).toBeNull();
  });

  it('evicts the least recently used documents beyond its limit', () => {
    const queries = new CompiledQueries(schema);
    const first = parse('{ hello }');
    const kept = parse('{ hello }');
    const compiledFirst = queries.get(first, null);
    const compiledKept = queries.get(kept, null);
    for (let i = 0; i < 198; i++) queries.get(parse(`{ hello(name: "${i}") }`), null);
    expect(queries.get(kept, null)).toBe(compiledKept); // used again: now the most recent
    queries.get(parse('{ hello(name: "one more") }'), null);
    expect(queries.get(first, null)).not.toBe(compiledFirst);
    expect(queries.get(kept, null)).toBe(compiledKept);
  });
});
