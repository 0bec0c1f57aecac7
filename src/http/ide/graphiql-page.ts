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
// Boots GraphiQL against this server's /graphql. Served from local files: works offline.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  var defaultQuery = [
    '# Welcome to the Multi-Wizard Platform API.',
    '# Press the play button (or Ctrl-Enter) to run this query.',
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
