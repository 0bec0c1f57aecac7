import type { RuntimeIndex } from './runtime-index';
import type { Price, PriceLine, StepAnswers } from './types';

/** "149.00" → 14900; prices are NUMERIC(10,2), so integer cents are exact. */
export function toCents(price: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(price.trim());
  if (!match) throw new TypeError(`not a price: ${price}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The price of answers that count (already filtered to visible, active options on the path):
 * one line per chosen option in path, set and choice order.
 */
export function priceOf(index: RuntimeIndex, answers: ReadonlyMap<number, StepAnswers>): Price {
  const lines: PriceLine[] = [];
  let cents = 0;
  for (const [stepId, stepAnswers] of answers) {
    for (const answer of Object.values(stepAnswers)) {
      for (const optionId of answer.optionIds ?? []) {
        const option = index.optionById.get(optionId);
        if (!option) continue;
        cents += toCents(option.price);
        const price = fromCents(toCents(option.price));
        lines.push({ stepId, setId: answer.setId, optionId, label: option.label, price });
      }
    }
  }
  return { total: fromCents(cents), lines };
}
