import { Script } from 'node:vm';
import { GRAPHIQL_HTML, GRAPHIQL_START_JS } from '../../src/http/ide/graphiql-page';

describe('GraphiQL page', () => {
  it('boot script is valid JavaScript', () => {
    expect(() => new Script(GRAPHIQL_START_JS)).not.toThrow();
  });

  it('loads nothing from another origin', () => {
    expect(GRAPHIQL_HTML).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(GRAPHIQL_HTML).toContain('src="/ide/graphiql.min.js"');
  });
});
