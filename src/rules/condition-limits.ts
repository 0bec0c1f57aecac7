/** Longest accepted condition, in characters (UTF-16 code units). */
export const MAX_CONDITION_LENGTH = 1000;

/**
 * Deepest accepted nesting: parentheses, lists, maps, calls, member selections, indexes and
 * ternaries (the parser's own `maxDepth`), and runs of prefix operators (`!`, `-`).
 */
export const MAX_CONDITION_NESTING = 32;

/**
 * Most work a condition may need, as estimated when it is checked (condition-cost.ts), in steps:
 * an interpreter step, or a character or element built. Measured: 10^6 loop iterations take
 * 60-110 ms; the costliest conditions this accepts took 10-40 ms.
 */
export const MAX_CONDITION_COST = 1_000_000;

/**
 * String literals of every CEL form (optionally raw and/or bytes, single, double or triple quoted).
 * Used only to blank them out before looking for operator runs, never to parse.
 */
const STRING_LITERAL =
  /(?:[rR][bB]?|[bB][rR]?)?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")/g;

/**
 * The longest run of prefix operators (`!!!x`, `- - -1`) outside string literals. The parser's
 * depth limit does not count them and it recurses once per operator, so they are refused before
 * parsing (measured: about 2,400 of them exhaust the default stack).
 */
export function longestPrefixOperatorRun(expression: string): number {
  const code = expression.replace(STRING_LITERAL, '""');
  let longest = 0;
  for (const match of code.matchAll(/[!-](?:\s*[!-])*/g)) {
    longest = Math.max(longest, match[0].replace(/\s/g, '').length);
  }
  return longest;
}
