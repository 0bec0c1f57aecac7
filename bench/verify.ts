// The comparison is only honest if both servers send the same data: checked before any load.
import { isDeepStrictEqual } from 'node:util';
import { treeQueryBody } from './tree-query';

const MAX_DIFFERENCES = 20;

async function postTree(url: string, wizardId: number): Promise<{ json: unknown; bytes: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: treeQueryBody(wizardId),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`${url} answered ${response.status} for wizard ${wizardId}: ${text}`);
  }
  return { json: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Paths where `a` and `b` differ (values, types, missing keys, array lengths), first ones first. */
export function differences(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= MAX_DIFFERENCES || isDeepStrictEqual(a, b)) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      differences(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a))
        out.push(`${path}.${key}: missing in GraphQL, baseline has ${describe(b[key])}`);
      else if (!(key in b))
        out.push(`${path}.${key}: missing in baseline, GraphQL has ${describe(a[key])}`);
      else differences(a[key], b[key], `${path}.${key}`, out);
    }
    return out;
  }
  out.push(`${path}: GraphQL ${describe(a)} vs baseline ${describe(b)}`);
  return out;
}

/** Sanity checks that the answer is a real, full tree (not `null` or an `errors` response). */
function checkShape(answer: unknown, wizardId: number, expectedSteps: number): void {
  const wizard = (answer as { data?: { wizard?: { steps?: unknown[] } | null } }).data?.wizard;
  if (!wizard || !Array.isArray(wizard.steps) || wizard.steps.length !== expectedSteps) {
    throw new Error(
      `GraphQL answer for wizard ${wizardId} is not a full tree: ${describe(answer)}`,
    );
  }
}

/** Response sizes of the first wizard, for the report. */
export interface AnswerSizes {
  graphqlBytes: number;
  baselineBytes: number;
}

/** Fetches every wizard from both servers and throws, with a diff, unless all are deep-equal. */
export async function assertSameAnswers(
  graphqlUrl: string,
  baselineUrl: string,
  wizardIds: number[],
  expectedSteps: number,
): Promise<AnswerSizes> {
  let sizes: AnswerSizes | undefined;
  for (const id of wizardIds) {
    const [ours, baseline] = await Promise.all([
      postTree(graphqlUrl, id),
      postTree(baselineUrl, id),
    ]);
    sizes ??= { graphqlBytes: ours.bytes, baselineBytes: baseline.bytes };
    checkShape(ours.json, id, expectedSteps);
    const found = differences(ours.json, baseline.json);
    if (found.length > 0) {
      throw new Error(
        `The servers disagree on wizard ${id}; not measuring an unfair comparison.\n` +
          found.map((line) => `  ${line}`).join('\n'),
      );
    }
  }
  if (!sizes) throw new Error('no wizards to compare');
  return sizes;
}
