/** Every service the kiosk offers, in one list. Add a service here (one import, one entry). */
import { queueService } from './queue';
import type { ServiceDefinition } from './registry';

export const kioskServices: readonly ServiceDefinition[] = [queueService];

export type { ServiceDefinition, ServiceProps } from './registry';
