import { resolve } from 'node:path';

export interface BannerFacts {
  url: string;
  /** GRAPHQL_IDE: the banner offers GraphiQL only when it is served. */
  ide: boolean;
  /** The embedded cluster is in use (no DATABASE_URL). */
  embedded: boolean;
  dataDir: string;
  demoAccounts: { role: string; email: string; password: string }[];
}

/** What a person starting the server reads on stdout: where it is and how to sign in. */
export function startupBanner(facts: BannerFacts): string {
  const lines = [
    '',
    `  Multi-Wizard Platform GraphQL API: ${facts.url}`,
    facts.ide
      ? '  (HTTP and graphql-ws on the same URL; open it in a browser for GraphiQL)'
      : '  (HTTP and graphql-ws on the same URL)',
    `  Database: ${facts.embedded ? `embedded PostgreSQL (data in ${resolve(facts.dataDir)})` : 'DATABASE_URL'}`,
    ...facts.demoAccounts.map((a) => `  Demo ${a.role}: ${a.email} / ${a.password}`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
