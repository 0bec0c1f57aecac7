// How many statements a simple-query message holds: `;` at the top level separates them, not
// one inside a string, a quoted name, a dollar-quoted body or a comment.

/** The index just after the token that starts at `i`. */
function tokenEnd(sql: string, i: number): number {
  const until = (closing: string, from: number) => {
    const at = sql.indexOf(closing, from);
    return at < 0 ? sql.length : at + closing.length;
  };
  const c = sql[i];
  if (c === "'" || c === '"') return until(c, i + 1);
  if (sql.startsWith('--', i)) return until('\n', i + 2);
  if (sql.startsWith('/*', i)) return until('*/', i + 2);
  if (c === '$') {
    const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64))?.[0];
    if (tag) return until(tag, i + tag.length);
  }
  return i + 1;
}

export function countStatements(sql: string): number {
  let count = 0;
  let content = false;
  for (let i = 0; i < sql.length; ) {
    if (sql[i] === ';') {
      if (content) count++;
      content = false;
      i++;
      continue;
    }
    const comment = sql.startsWith('--', i) || sql.startsWith('/*', i);
    if (!comment && !/\s/.test(sql[i])) content = true;
    i = tokenEnd(sql, i);
  }
  return count + (content ? 1 : 0);
}
