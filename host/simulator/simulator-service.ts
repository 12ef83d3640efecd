/** The simulator page's API over the simulated hardware (embedded default and tests only). */
import { firstPagePreview } from './pdf-preview';
import {
  KioskError,
  simulatorMethods,
  simulatorPaymentCode,
  type DemoCard,
  type EnrolFaceRequest,
  type IdCardFields,
  type SimulatorState,
} from '../../contracts';
import type { SsCardImage } from '../../devices/ss-card/card-image';
import { createDispatcher, type Dispatch } from '../dispatch';
import type { DeviceManager } from '../device-manager/device-manager';
import type { SimulatedHardware } from '../device-manager/simulated-hardware';

export interface SimulatorService {
  dispatch: Dispatch;
  subscribe(send: (event: string, payload: unknown) => void): () => void;
}

/** A demo person's social security card: the same holder as their ID card, synthetic card facts. */
export function demoSsCard(card: IdCardFields): SsCardImage {
  return {
    cardNo: `S${card.idNumber.slice(-8)}`,
    idNumber: card.idNumber,
    name: card.name,
    sex: card.sex,
    nation: card.nation,
    birthDate: card.birthDate,
    issueDate: '20200601',
    expiryDate: '20300601',
    cardType: '3',
    version: '3.00',
    pin: '123456',
  };
}

/** Issues a signed e-card code for a person (the hall server's issuer, injected by the launcher). */
export type IssueECardCode = (idNumber: string, name: string, options: { expired?: boolean }) => string;

/** A valid code with the last characters of its signature altered, as a forger would. */
export function forgeECardCode(code: string): string {
  const tail = code.slice(-4);
  const altered = [...tail].map((c) => (c === 'A' ? 'B' : 'A')).join('');
  return code.slice(0, -4) + altered;
}

/** Forwards a demo retiree's face descriptor to the hall server's simulator-only route. */
export type EnrolFace = (body: EnrolFaceRequest) => Promise<{ enrolledAt: string }>;

/**
 * The person's phone as the simulator page plays it: the QR the kiosk shows now (the host's payment
 * desk), and the simulated channel's confirm page behind its code URL.
 */
export interface SimulatedPhone {
  shownPaymentQr(): string | null;
  /** Posts the phone's answer to a shown code URL (the simulated channel's `<codeUrl>/confirm`). */
  confirmQr?(codeUrl: string, action: 'pay' | 'decline' | 'cancel'): Promise<void>;
}

/** The simulated channel's phone page: `POST <codeUrl>/confirm { action }` (contracts/payment.ts). */
async function postQrConfirm(codeUrl: string, action: 'pay' | 'decline' | 'cancel'): Promise<void> {
  const response = await fetch(`${codeUrl}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new KioskError('conflict', `the simulated phone page answered ${response.status}`);
}

/** Builds the simulator page's endpoint. */
export function createSimulatorService(
  hardware: SimulatedHardware,
  devices: DeviceManager,
  demoCards: DemoCard[],
  issueECardCode?: IssueECardCode,
  enrolFace?: EnrolFace,
  phone?: SimulatedPhone,
): SimulatorService {
  let codeSerial = Date.now() % 1e9;
  const previews = new Map<string, Promise<string | null>>();
  const state = (): SimulatorState => ({
    idCardInField: hardware.idCardInField,
    ssCardInReader: hardware.ssCardInReader,
    ssCardPin: hardware.ssCardPin,
    ssCardTriesLeft: hardware.ssCardTriesLeft,
    ssCardWrongNext: hardware.ssCardWrongNext,
    paper: hardware.paperState,
    coverOpen: hardware.coverOpen,
    printedReceipts: hardware.printedReceiptCount,
    a4Pages: hardware.a4Pages,
    unplugged: hardware.unplugged,
    devices: devices.health(),
  });
  const demoCard = (idNumber: string) => {
    const demo = demoCards.find((d) => d.card.idNumber === idNumber);
    if (!demo) throw new KioskError('notFound', 'no demo card with that ID number');
    return demo.card;
  };
  const dispatch = createDispatcher(simulatorMethods, {
    listDemoCards: async () => demoCards,
    getState: async () => state(),
    insertIdCard: async ({ idNumber }) => {
      hardware.insertIdCard(demoCard(idNumber));
      return state();
    },
    removeIdCard: async () => {
      hardware.removeIdCard();
      return state();
    },
    insertSsCard: async ({ idNumber }) => {
      hardware.insertSsCard(demoSsCard(demoCard(idNumber)));
      return state();
    },
    removeSsCard: async () => {
      hardware.removeSsCard();
      return state();
    },
    failNextPin: async () => {
      if (!hardware.ssCardInReader) throw new KioskError('notFound', 'no social security card is in the reader');
      hardware.failNextPin();
      return state();
    },
    lockSsCard: async () => {
      if (!hardware.ssCardInReader) throw new KioskError('notFound', 'no social security card is in the reader');
      hardware.lockSsCard();
      return state();
    },
    scanQr: async ({ text }) => {
      hardware.scanQr(text);
      return state();
    },
    scanECard: async ({ idNumber, variant }) => {
      if (!issueECardCode) throw new KioskError('forbidden', 'no e-card issuer is configured');
      const card = demoCard(idNumber);
      const code = issueECardCode(card.idNumber, card.name, { expired: variant === 'expired' });
      hardware.scanQr(variant === 'forged' ? forgeECardCode(code) : code);
      return state();
    },
    setPaper: async ({ state: paper }) => {
      hardware.setPaper(paper);
      return state();
    },
    setCoverOpen: async ({ open }) => {
      hardware.setCoverOpen(open);
      return state();
    },
    enrolFace: async (body) => {
      if (!enrolFace) throw new KioskError('forbidden', 'face enrolment is not offered here');
      demoCard(body.idNumber);
      return enrolFace(body);
    },
    listPrintedReceipts: async () => hardware.printedReceipts(),
    listA4Documents: async () => {
      const docs = hardware.a4Documents().slice(0, 10);
      // Each document's preview is drawn once (pdftoppm), not on every print; forgotten with the document.
      for (const id of previews.keys()) if (!docs.some((d) => d.id === id)) previews.delete(id);
      return Promise.all(
        docs.map(async ({ pdf, ...doc }) => {
          if (!previews.has(doc.id)) previews.set(doc.id, firstPagePreview(pdf));
          const preview = await previews.get(doc.id);
          return preview ? { ...doc, preview } : doc;
        }),
      );
    },
    showPaymentCode: async ({ outcome }) => {
      // A fresh code each time, as a phone refreshes its payment code.
      hardware.scanQr(simulatorPaymentCode(outcome, ++codeSerial));
      return state();
    },
    scanShownPaymentQr: async ({ action }) => {
      const codeUrl = phone?.shownPaymentQr() ?? null;
      if (!codeUrl) throw new KioskError('notFound', 'the kiosk shows no payment QR now');
      await (phone?.confirmQr ?? postQrConfirm)(codeUrl, action);
      return state();
    },
    unplug: async ({ device }) => {
      hardware.unplug(device);
      return state();
    },
    replug: async ({ device }) => {
      await hardware.replug(device);
      return state();
    },
  });
  return {
    dispatch,
    subscribe(send) {
      const push = () => send('stateChanged', state());
      const offs = [hardware.onChange(push), devices.onHealth(push)];
      return () => offs.forEach((off) => off());
    },
  };
}
