/**
 * The IDE page and its boot script, kept as strings so `npm run build` needs no asset copying.
 * The page loads only files served by this server (see graphiql.ts): it works offline.
 */
export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Multi-Wizard Platform · GraphiQL</title>
    <link rel="stylesheet" href="/ide/graphiql.min.css" />
    <style>
      body { margin: 0; height: 100vh; }
      #graphiql { height: 100vh; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading the GraphQL IDE… (POST queries to this URL as application/json)</div>
    <script src="/ide/react.production.min.js"></script>
    <script src="/ide/react-dom.production.min.js"></script>
    <script src="/ide/graphiql.min.js"></script>
    <script src="/ide/start.js"></script>
  </body>
</html>
`;

export const GRAPHIQL_START_JS = `/* global React, ReactDOM, GraphiQL */
// Boots GraphiQL against the URL it was opened at: queries and mutations over HTTP, subscriptions
// over graphql-ws on the same path (ws:, or wss: behind https). Served from local files: works offline.
(function () {
  var here = window.location;
  var fetcher = GraphiQL.createFetcher({
    url: here.origin + here.pathname,
    subscriptionUrl: (here.protocol === 'https:' ? 'wss://' : 'ws://') + here.host + here.pathname,
  });
  var defaultQuery = [
    '# Welcome to the Multi-Wizard Platform API.',
    '# Press the play button (or Ctrl-Enter) to run this query. Subscriptions run too (graphql-ws);',
    '# to sign in, put {"Authorization": "Bearer <token from login>"} under Headers below.',
    '',
    'query Wizards {',
    '  wizards(first: 10) {',
    '    edges { node { id key name category totalSteps } }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    '',
  ].join('\\n');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery }),
  );
})();
`;
