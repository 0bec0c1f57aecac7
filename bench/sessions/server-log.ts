// Our server masks unexpected errors (the client sees an error id) and logs them whole: the
// distinct messages among the last lines of its log say what went wrong.

const MESSAGES = 5;

/** Distinct error messages of pino's JSON lines at level error or above, most frequent first. */
export function loggedErrors(output: string): string[] {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    let entry: { level?: number; msg?: string; err?: { message?: string; code?: string } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if ((entry.level ?? 0) < 50) continue;
    const code = entry.err?.code ? ` [${entry.err.code}]` : '';
    const message = `${entry.err?.message ?? entry.msg ?? 'no message'}${code}`.slice(0, 300);
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MESSAGES)
    .map(([message, count]) => `${count} x ${message}`);
}
