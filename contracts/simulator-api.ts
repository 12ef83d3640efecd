/**
 * The device simulator page's API (embedded default and tests only): a person inserts a demo
 * card, scans a demo e-card, unplugs a reader, and watches what the simulated devices do. Carried over its own
 * loopback WebSocket (`SIM_WS_PATH`) with the same per-launch secret and reply envelope as the KioskApi.
 */
import { z } from 'zod';
import { EnrolFaceRequest, EnrolFaceResponse } from './certification';
import { DeviceHealth } from './domain';
import { SimulatorQrAction, simulatorCodeOutcomes, type SimulatorCodeOutcome } from './payment';

/** The fields printed on a (synthetic) resident ID card. */
export const IdCardFields = z.object({
  name: z.string().min(1).max(15),
  sex: z.string().length(1),
  nation: z.string().length(2),
  birthDate: z.string().regex(/^\d{8}$/),
  address: z.string().max(35),
  idNumber: z.string().length(18),
  issuingAuthority: z.string().max(15),
  validFrom: z.string().regex(/^\d{8}$/),
  validTo: z.string().max(8),
});
export type IdCardFields = z.infer<typeof IdCardFields>;

/** A demo person whose card the simulator can insert. */
export const DemoCard = z.object({ role: z.string(), card: IdCardFields });
export type DemoCard = z.infer<typeof DemoCard>;

export const SimulatedDevice = z.enum(['idCardReader', 'ssCardReader', 'qrScanner', 'receiptPrinter', 'a4Printer']);
export type SimulatedDevice = z.infer<typeof SimulatedDevice>;

/** What is on the receipt printer's paper roll. */
export const PaperState = z.enum(['ok', 'nearEnd', 'out']);
export type PaperState = z.infer<typeof PaperState>;

export const SimulatorState = z.object({
  idCardInField: z.string().nullable(),
  /** ID number of the social security card in the slot, if any. */
  ssCardInReader: z.string().nullable(),
  /** The demo card's PIN (synthetic; shown so a person can type a right or a wrong one), its tries left, and whether the next check is forced wrong. */
  ssCardPin: z.string().nullable(),
  ssCardTriesLeft: z.number().int().min(0).nullable(),
  ssCardWrongNext: z.boolean(),
  paper: PaperState,
  coverOpen: z.boolean(),
  /** Receipts the simulated printer has cut off since start. */
  printedReceipts: z.number().int().min(0),
  /** Pages of every A4 document the simulated printer was given. */
  a4Pages: z.number().int().min(0),
  unplugged: z.array(SimulatedDevice),
  devices: z.array(DeviceHealth),
});
export type SimulatorState = z.infer<typeof SimulatorState>;

/** A receipt the simulated printer cut off, drawn as SVG from the bytes it received. */
export const PrintedReceipt = z.object({ id: z.string(), printedAt: z.string(), svg: z.string() });
export type PrintedReceipt = z.infer<typeof PrintedReceipt>;

/** A document the simulated A4 printer was given. */
export const A4Document = z.object({
  id: z.string(),
  title: z.string(),
  pages: z.number().int().min(0).optional(),
  printedAt: z.string(),
  /** The first page as a PNG data URL, when the host can draw it. */
  preview: z.string().startsWith('data:image/png;base64,').optional(),
});
export type A4Document = z.infer<typeof A4Document>;

/** Which e-card code the simulator shows the scanner. */
export const ECardVariant = z.enum(['valid', 'expired', 'forged']);
export type ECardVariant = z.infer<typeof ECardVariant>;

const NoParams = z.object({}).strict();

export const simulatorMethods = {
  listDemoCards: { params: NoParams, result: z.array(DemoCard) },
  getState: { params: NoParams, result: SimulatorState },
  insertIdCard: { params: z.object({ idNumber: z.string().length(18) }).strict(), result: SimulatorState },
  removeIdCard: { params: NoParams, result: SimulatorState },
  insertSsCard: { params: z.object({ idNumber: z.string().length(18) }).strict(), result: SimulatorState },
  removeSsCard: { params: NoParams, result: SimulatorState },
  /** The next PIN typed on the kiosk counts as wrong (the card counts a real wrong try). */
  failNextPin: { params: NoParams, result: SimulatorState },
  /** Locks the PIN of the card in the slot, as three wrong PINs would. */
  lockSsCard: { params: NoParams, result: SimulatorState },
  scanQr: { params: z.object({ text: z.string().min(1).max(2048) }).strict(), result: SimulatorState },
  /**
   * Shows the scanner a demo person's e-card code, freshly issued by the hall server's issuer:
   * a valid one, one that has already expired, or one whose signature was altered.
   */
  scanECard: {
    params: z.object({ idNumber: z.string().length(18), variant: ECardVariant }).strict(),
    result: SimulatorState,
  },
  setPaper: { params: z.object({ state: PaperState }).strict(), result: SimulatorState },
  setCoverOpen: { params: z.object({ open: z.boolean() }).strict(), result: SimulatorState },
  /** The latest receipts first, at most 10. */
  listPrintedReceipts: { params: NoParams, result: z.array(PrintedReceipt) },
  listA4Documents: { params: NoParams, result: z.array(A4Document) },
  /**
   * Stores a face descriptor (computed on the simulator page from the webcam) as a demo retiree's
   * enrolled reference on the hall server, so a person can certify with their own face.
   */
  enrolFace: { params: EnrolFaceRequest, result: EnrolFaceResponse },
  /**
   * The person's phone shows its payment code (付款码) to the scanner; the simulated payment channel
   * answers it with `outcome` (paid at once, asks for the password, declined, …).
   */
  showPaymentCode: {
    params: z
      .object({
        outcome: z.enum(Object.keys(simulatorCodeOutcomes) as [SimulatorCodeOutcome, ...SimulatorCodeOutcome[]]),
      })
      .strict(),
    result: SimulatorState,
  },
  /** The person's phone scans the QR the kiosk shows and pays, declines or cancels it. */
  scanShownPaymentQr: { params: SimulatorQrAction, result: SimulatorState },
  unplug: { params: z.object({ device: SimulatedDevice }).strict(), result: SimulatorState },
  replug: { params: z.object({ device: SimulatedDevice }).strict(), result: SimulatorState },
} as const;
export type SimulatorMethod = keyof typeof simulatorMethods;

export const simulatorEvents = {
  stateChanged: SimulatorState,
} as const;

export type SimulatorApi = {
  [M in SimulatorMethod]: (
    params: z.infer<(typeof simulatorMethods)[M]['params']>,
  ) => Promise<z.infer<(typeof simulatorMethods)[M]['result']>>;
} & {
  on(event: 'stateChanged', listener: (state: SimulatorState) => void): () => void;
};

/** Simulator WebSocket path; the secret goes in the `secret` query parameter. */
export const SIM_WS_PATH = '/sim-ws';
