/** The 预约 service: book, move or cancel a time, and check in for a priority ticket (needs a card). */
import type { ServiceDefinition } from '../registry';
import { AppointmentsService } from './AppointmentsService';
import { appointmentTexts } from './texts';

export const appointmentsService: ServiceDefinition = {
  id: 'appointments',
  needsSession: true,
  title: { 'zh-CN': appointmentTexts['zh-CN'].title, en: appointmentTexts.en.title },
  hint: { 'zh-CN': appointmentTexts['zh-CN'].hint, en: appointmentTexts.en.hint },
  order: 25,
  Component: AppointmentsService,
};
