// The part of a PC/SC binding the kiosk uses, as a types-only interface, and the loader of
// the one we ship: `smartcard` (N-API over winscard / pcsclite). The binding is an optional
// dependency: a machine without libpcsclite-dev still installs the kiosk, and a `pcsc` reader
// there reports `pcscBindingMissing` instead of failing the whole host.
import { createRequire } from 'node:module';

/** A card connected through SCardConnect. */
export interface PcscCard {
  /** SCARD_PROTOCOL_T0 or SCARD_PROTOCOL_T1, as negotiated. */
  readonly protocol: number;
  /** SCardTransmit; rejects with the PC/SC error as its message. */
  transmit(command: Buffer, options?: { maxRecvLength?: number }): Promise<Buffer>;
  /** SCardControl (PC/SC part 10 features, the PIN pad). */
  control(code: number, data?: Buffer): Promise<Buffer>;
  /** SCardDisconnect with a disposition (leave, reset, unpower). */
  disconnect(disposition?: number): void;
}

/** A reader as SCardListReaders and SCardGetStatusChange see it. */
export interface PcscReader {
  readonly name: string;
  readonly state: number;
  readonly atr: Buffer | null;
  connect(shareMode: number, protocols: number): Promise<PcscCard>;
}

/** One reader's state after SCardGetStatusChange. */
export interface PcscReaderState {
  name: string;
  state: number;
  changed: boolean;
  atr: Buffer | null;
}

/** An SCARDCONTEXT. */
export interface PcscContext {
  readonly isValid: boolean;
  listReaders(): PcscReader[];
  /** Resolves with the new states, `[]` on timeout, `null` when cancelled. */
  waitForChange(readers: Array<{ name: string; state: number }>, timeoutMs: number): Promise<PcscReaderState[] | null>;
  cancel(): void;
  close(): void;
}

/** The binding: the context constructor and the PC/SC constants. */
export interface PcscBinding {
  Context: new () => PcscContext;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_RESET_CARD: number;
  SCARD_STATE_CHANGED: number;
  SCARD_STATE_UNKNOWN: number;
  SCARD_STATE_UNAVAILABLE: number;
  SCARD_STATE_EMPTY: number;
  SCARD_STATE_PRESENT: number;
  SCARD_STATE_MUTE: number;
  /** CM_IOCTL_GET_FEATURE_REQUEST for this platform. */
  CM_IOCTL_GET_FEATURE_REQUEST: number;
}

/** The binding, or why there is none. */
export type PcscBindingLoad =
  { ok: true; binding: PcscBinding } | { ok: false; reason: 'pcscBindingMissing'; detail: string };

/** The npm package the kiosk's PC/SC transport is built on. */
export const PCSC_BINDING_PACKAGE = 'smartcard';

/** Loads the `smartcard` package; never throws. */
export function loadPcscBinding(): PcscBindingLoad {
  try {
    const binding = createRequire(import.meta.url)(PCSC_BINDING_PACKAGE) as PcscBinding;
    if (typeof binding.Context !== 'function') throw new Error('no Context in the binding');
    return { ok: true, binding };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { ok: false, reason: 'pcscBindingMissing', detail };
  }
}
