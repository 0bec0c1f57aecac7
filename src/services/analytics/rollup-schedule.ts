import type { Logger } from 'pino';
import type { AnalyticsService } from './analytics.service';
import type { WizardCounterFolder } from '../sessions/wizard-counters';

/**
 * Rolls up yesterday and today every `intervalSeconds` (0: never). Every instance runs the timer;
 * the advisory lock in rollupDay lets one of them do the work at a time.
 */
export function scheduleRollups(
  analytics: AnalyticsService,
  intervalSeconds: number,
  logger: Logger,
  counters?: WizardCounterFolder,
): { stop(): void } {
  if (intervalSeconds === 0) return { stop: () => undefined };
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // Counter deltas a crashed instance left unfolded.
      await counters?.foldAll();
      const today = new Date();
      const yesterday = new Date(today.getTime() - 86_400_000);
      for (const day of [yesterday, today].map((d) => d.toISOString().slice(0, 10))) {
        const wizards = await analytics.rollupDay(day);
        logger.info(
          { day, wizards: wizards?.length ?? null, skipped: wizards === null },
          'analytics roll-up',
        );
      }
    } catch (error) {
      logger.error({ err: error }, 'analytics roll-up failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
