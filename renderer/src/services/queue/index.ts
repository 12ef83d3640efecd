/** The queue ticket service (排队取号): no card needed; with a card the ticket is the person's. */
import type { ServiceDefinition } from '../registry';
import { receiptPrinterDown } from './printer';
import { QueueService } from './QueueService';
import { queueTexts } from './texts';

export const queueService: ServiceDefinition = {
  id: 'queue',
  needsSession: false,
  title: { 'zh-CN': queueTexts['zh-CN'].title, en: queueTexts.en.title },
  hint: { 'zh-CN': queueTexts['zh-CN'].hint, en: queueTexts.en.hint },
  order: 10,
  needsDevices: ['receiptPrinter'],
  // Without a working receipt printer (installed but out of paper or failing) a number is still issued: it is shown on screen with a QR code.
  notice: (terminal, locale) => (receiptPrinterDown(terminal) ? queueTexts[locale].noPaperTile : null),
  Component: QueueService,
};
