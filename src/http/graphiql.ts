import { Router, type Request } from 'express';
import { dirname, join } from 'node:path';
import { GRAPHIQL_HTML, GRAPHIQL_START_JS } from './ide/graphiql-page';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Every file the IDE page loads, from installed packages: no CDN, so it works offline. */
function assetFiles(): Record<string, string> {
  return {
    'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
    'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
    'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
    'react-dom.production.min.js': join(
      packageDir('react-dom'),
      'umd',
      'react-dom.production.min.js',
    ),
  };
}

/** A browser opening the endpoint (HTML preferred over JSON, no query) gets the IDE. */
export function wantsIde(req: Request): boolean {
  return (
    req.method === 'GET' &&
    req.query.query === undefined &&
    req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) ===
      'text/html'
  );
}

/** GET /graphql (from a browser) → GraphiQL; GET /ide/<file> → its assets. */
export function graphiqlRouter(graphqlPath: string): Router {
  const files = assetFiles();
  const router = Router();
  router.get(graphqlPath, (req, res, next) => {
    if (!wantsIde(req)) return next();
    res.type('html').send(GRAPHIQL_HTML);
  });
  router.get('/ide/start.js', (_req, res) => {
    res.type('js').send(GRAPHIQL_START_JS);
  });
  router.get('/ide/:file', (req, res, next) => {
    const file = files[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}
