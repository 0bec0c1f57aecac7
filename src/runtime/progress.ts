import { nextAfter } from './flow';
import { priceOf } from './pricing';
import type { RuntimeIndex } from './runtime-index';
import type { Walk } from './session-walk';
import type { Progress } from './types';

/**
 * Steps still ahead after the end of the path: the open last step, then the steps the flow would
 * visit with the answers given so far (rules on options of unanswered steps do not fire). Stops at
 * completion, at a step already counted (a loop) or after every active step.
 */
function remainingSteps(index: RuntimeIndex, walk: Walk): number {
  const last = walk.steps.at(-1);
  if (!last) return 0;
  // A done last step either completes or loops back to a step that must be answered again.
  if (last.status !== 'OPEN') return last.next?.stepId ? 1 : 0;
  const seen = new Set(walk.steps.map((walked) => walked.step.id));
  const facts = {
    answers: walk.answers,
    price: priceOf(index, walk.answers).total,
    stepsCompleted: walk.steps.length - 1,
    isGuest: walk.state.isGuest ?? false,
  };
  let remaining = 1;
  let stepId = last.step.id;
  while (remaining < index.activeSteps.length) {
    const next = nextAfter(index, stepId, facts).stepId;
    if (next === null || seen.has(next)) break;
    seen.add(next);
    remaining += 1;
    stepId = next;
  }
  return remaining;
}

export function progressOf(index: RuntimeIndex, walk: Walk): Progress {
  const done = walk.steps.filter((walked) => walked.status !== 'OPEN').length;
  const remaining = remainingSteps(index, walk);
  const total = done + remaining;
  return { done, remaining, total, percent: total ? Math.floor((done * 100) / total) : 100 };
}
