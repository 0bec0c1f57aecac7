import { parseEnv } from 'node:util';

/** `NAME=value` or `export NAME=value`; the value is read by node's own parser. */
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const QUOTES = ['"', "'", '`'];

/** Why a line of a .env file is malformed (undefined when it is fine). */
function lineProblem(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const match = ASSIGNMENT.exec(line);
  if (!match) return 'expected NAME=value (or a # comment)';
  const value = match[2];
  const quote = QUOTES.find((q) => value.startsWith(q));
  if (quote && value.indexOf(quote, 1) === -1)
    return `the quoted value of ${match[1]} does not end on its line`;
  return undefined;
}

/**
 * The variables of a .env file, as node's --env-file reads them (`#` comments, quotes, `export`),
 * or the lines that make it malformed (which node would skip silently). One line per value.
 */
export function parseEnvFile(text: string): { values: Record<string, string>; problems: string[] } {
  const problems = text.split(/\r?\n/).flatMap((line, index) => {
    const problem = lineProblem(line);
    return problem ? [`line ${index + 1}: ${problem}`] : [];
  });
  if (problems.length > 0) return { values: {}, problems };
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text)))
    if (value !== undefined) values[name] = value;
  return { values, problems };
}
