/** The certification service (养老金资格认证): retirees only, after a card. */
import type { ServiceDefinition } from '../registry';
import { CertificationScreen } from './CertificationScreen';
import { certificationTexts } from './texts';

export const certificationService: ServiceDefinition = {
  id: 'certification',
  needsSession: true,
  title: { 'zh-CN': certificationTexts['zh-CN'].title, en: certificationTexts.en.title },
  hint: { 'zh-CN': certificationTexts['zh-CN'].hint, en: certificationTexts.en.hint },
  order: 10,
  // On the start screen it asks for a card; with a session only a retiree sees it.
  visible: (session) => session === null || session.person.isRetiree,
  unavailable: (terminal, locale) =>
    terminal?.devices.some((d) => d.device === 'camera' && d.state === 'failed')
      ? certificationTexts[locale].cameraUnavailable
      : null,
  Component: CertificationScreen,
};
