/** Half of a surrogate pair without its other half: not a character, and not valid UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store this text, or null when it can: U+0000 (text and jsonb refuse it)
 * and lone UTF-16 surrogates (JSON allows `"\ud800"`, but it is no character, so UTF-8 and jsonb
 * have no encoding for it).
 */
export function badText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains U+0000 (NUL), which text cannot hold';
  if (LONE_SURROGATE.test(text))
    return 'contains a lone UTF-16 surrogate (half of a character), which text cannot hold';
  return null;
}
