import { fromCents, toCents } from './pricing';
import type { RuntimeIndex } from './runtime-index';
import type { Price, Problem, SetAnswer, StepAnswers } from './types';

/** The largest total a session holds: total_price is NUMERIC(10,2). */
export const MAX_TOTAL_CENTS = 9_999_999_999;
export const MAX_TOTAL = fromCents(MAX_TOTAL_CENTS);

const within = (cents: number): boolean => Math.abs(cents) <= MAX_TOTAL_CENTS;

function centsOf(index: RuntimeIndex, answer: SetAnswer): number {
  let cents = 0;
  for (const id of answer.optionIds ?? []) {
    const option = index.optionById.get(id);
    if (option) cents += toCents(option.price);
  }
  return cents;
}

function tooHigh(total: string, set: { id: number; key: string } | null): Problem {
  return {
    code: 'PRICE_TOO_HIGH',
    setId: set?.id ?? null,
    setKey: set?.key ?? null,
    message: `The total would be ${total}, more than a session can hold (${MAX_TOTAL}).`,
  };
}

/** PRICE_TOO_HIGH (about the session, no set) when a total is more than a session can hold. */
export function totalProblem(price: Price): Problem | null {
  return within(toCents(price.total)) ? null : tooHigh(price.total, null);
}

/**
 * PRICE_TOO_HIGH when the counted answers' total (`price`) is more than a session can hold. It is
 * about the set of `stepId` whose options take the running total over, when the other steps are
 * within the limit; otherwise (their prices were raised since they were answered) the step.
 */
export function priceLimitProblem(
  index: RuntimeIndex,
  counted: ReadonlyMap<number, StepAnswers>,
  price: Price,
  stepId: number | null,
): Problem | null {
  if (!totalProblem(price)) return null;
  const answers = Object.values((stepId === null ? undefined : counted.get(stepId)) ?? {});
  let running = toCents(price.total);
  for (const answer of answers) running -= centsOf(index, answer);
  if (!within(running)) return tooHigh(price.total, null);
  for (const answer of answers) {
    running += centsOf(index, answer);
    if (!within(running)) return tooHigh(price.total, index.setById.get(answer.setId) ?? null);
  }
  return tooHigh(price.total, null);
}
