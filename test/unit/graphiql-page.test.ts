import { createContext, Script } from 'node:vm';
import { GRAPHIQL_HTML, GRAPHIQL_START_JS } from '../../src/http/ide/graphiql-page';

describe('GraphiQL page', () => {
  it('boot script is valid JavaScript', () => {
    expect(() => new Script(GRAPHIQL_START_JS)).not.toThrow();
  });

  it('loads nothing from another origin', () => {
    expect(GRAPHIQL_HTML).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(GRAPHIQL_HTML).toContain('src="/ide/graphiql.min.js"');
  });

  it.each([
    ['http://localhost:4000/graphql', 'ws://localhost:4000/graphql'],
    ['https://api.example.com/graphql', 'wss://api.example.com/graphql'],
  ])('opened at %s, runs subscriptions over graphql-ws at %s', (page, subscriptionUrl) => {
    const fetcherOptions: Record<string, unknown>[] = [];
    const context = createContext({
      window: { location: new URL(page) },
      document: { getElementById: () => ({}) },
      GraphiQL: {
        createFetcher: (options: Record<string, unknown>) => fetcherOptions.push(options),
      },
      React: { createElement: () => ({}) },
      ReactDOM: { createRoot: () => ({ render: () => undefined }) },
    });
    new Script(GRAPHIQL_START_JS).runInContext(context);
    expect(fetcherOptions).toEqual([{ url: page, subscriptionUrl }]);
  });
});
