/** Every service the kiosk offers, in one list. Add a service here (one import, one entry). */
import { appointmentsService } from './appointments';
import { queueService } from './queue';
import { casesService } from './cases/CasesService';
import { guidesService } from './guides/GuidesService';
import { inquiryService } from './inquiry/InquiryService';
import { jobsService } from './jobs/JobsService';
import { noticesService } from './notices/NoticesService';
import { officesService } from './offices/OfficesService';
import { paymentService } from './payment/PaymentService';
import { certificationService } from './certification';
import type { ServiceDefinition } from './registry';
import { statementsService } from './statements/StatementsService';
import { trainingsService } from './trainings/TrainingsService';

export const kioskServices: readonly ServiceDefinition[] = [
  certificationService,
  inquiryService,
  statementsService,
  paymentService,
  casesService,
  guidesService,
  jobsService,
  trainingsService,
  noticesService,
  officesService,
  queueService,
  appointmentsService,
];

export type { ServiceDefinition, ServiceProps } from './registry';
