/** Every service the kiosk offers, in one list. Add a service here (one import, one entry). */
import { certificationService } from './certification';
import type { ServiceDefinition } from './registry';

export const kioskServices: readonly ServiceDefinition[] = [certificationService];

export type { ServiceDefinition, ServiceProps } from './registry';
