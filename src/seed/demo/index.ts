import type { WizardDefinition } from '../../definitions/wizard-definition';
import { eventCreation } from './event-creation';
import { laptopConfigurator } from './laptop-configurator';
import { tarotReading } from './tarot-reading';
import { weddingPlanning } from './wedding-planning';

export { eventCreation, laptopConfigurator, tarotReading, weddingPlanning };

/** The demo wizards the seed stores, the featured laptop configurator first. */
export const DEMO_WIZARDS: WizardDefinition[] = [
  laptopConfigurator,
  eventCreation,
  weddingPlanning,
  tarotReading,
];
