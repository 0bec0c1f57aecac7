// Every wait of the bench has an end: a server that stops delivering fails the run, loudly.

/** `work`, or a rejection saying `what()` once `timeoutMs` have passed. */
export async function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
