// The contract between the social security card driver and a contact card reader:
// the shape of a PC/SC reader (SCardConnect/SCardTransmit/SCardGetStatusChange).
// Production backs it with the PC/SC binding (pcsc/transport.ts: pcsclite or the OS's
// winscard); the simulated reader in simulated-reader.ts implements it for tests and the
// embedded default.
import type { Unsubscribe } from '../emitter';

/**
 * Why an APDU could not be exchanged (mirrors SCARD_E_NO_SMARTCARD, SCARD_W_REMOVED_CARD,
 * SCARD_E_READER_UNAVAILABLE); `extendedLength` for an extended-length APDU or answer, which
 * the kiosk never sends and refuses to carry.
 */
export type ApduTransportErrorCode = 'noCard' | 'cardRemoved' | 'readerUnavailable' | 'extendedLength';

/** An exchange failure with a `code`. */
export class ApduTransportError extends Error {
  override readonly name = 'ApduTransportError';

  constructor(
    readonly code: ApduTransportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Events a card reader emits. */
export type ApduTransportEvents = {
  /** A card was inserted and powered; `atr` is its answer to reset. */
  cardInserted: [atr: Uint8Array];
  /** The card was taken out. */
  cardRemoved: [];
  /** The reader became available (again). */
  open: [];
  /** The reader went away; `error` is set when nobody asked it to (cable pulled). */
  close: [error?: Error];
};

/** A contact smart card reader with one slot. */
export interface ApduTransport {
  /** True while the reader is connected. */
  readonly isOpen: boolean;
  /** True while a powered card is in the slot. */
  cardPresent(): boolean;
  /**
   * Sends one C-APDU and resolves with the R-APDU (data + SW1 SW2); rejects with an
   * ApduTransportError. The transport must copy `apdu` before returning: the caller
   * wipes it afterwards (it may hold a PIN).
   */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** Releases the reader. */
  close(): Promise<void>;
  /** True when the reader has a PIN pad the kiosk can use (known once a card is in); absent: none. */
  hasPinPad?(): boolean;
  /**
   * Has the reader collect the PIN on its own keypad and send `template` (a VERIFY with
   * placeholder PIN bytes) with it; resolves with the card's (or the pad's 64xx) R-APDU.
   */
  verifyPinOnPad?(template: Uint8Array, digits: number): Promise<Uint8Array>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof ApduTransportEvents>(event: K, listener: (...args: ApduTransportEvents[K]) => void): Unsubscribe;
}
