// Command and response frames of the reader's SAM protocol. Commands carry
// `CMD PARA`; responses carry `SW1 SW2 SW3 data`.
import { encodeFrame } from './frame';

/** Command name -> CMD and PARA bytes (frozen data). */
export const ID_CARD_COMMANDS = Object.freeze({
  reset: Object.freeze({ cmd: 0x10, para: 0xff }),
  samStatus: Object.freeze({ cmd: 0x11, para: 0xff }),
  readSamId: Object.freeze({ cmd: 0x12, para: 0xff }),
  findCard: Object.freeze({ cmd: 0x20, para: 0x01 }),
  selectCard: Object.freeze({ cmd: 0x20, para: 0x02 }),
  readCard: Object.freeze({ cmd: 0x30, para: 0x01 }),
});

/** The commands we speak. */
export type IdCardCommandName = keyof typeof ID_CARD_COMMANDS;

/** A decoded response payload. */
export interface IdCardResponse {
  sw1: number;
  sw2: number;
  /** The reader's status byte; see SAM_STATUS. */
  sw3: number;
  data: Uint8Array;
}

/** The complete frame for a command. */
export function encodeCommand(name: IdCardCommandName): Uint8Array {
  const { cmd, para } = ID_CARD_COMMANDS[name];
  return encodeFrame(Uint8Array.of(cmd, para));
}

/** Names the command in a command payload, or undefined if we do not know it. */
export function commandNameOf(payload: Uint8Array): IdCardCommandName | undefined {
  if (payload.length !== 2) return undefined;
  const names = Object.keys(ID_CARD_COMMANDS) as IdCardCommandName[];
  return names.find((name) => ID_CARD_COMMANDS[name].cmd === payload[0] && ID_CARD_COMMANDS[name].para === payload[1]);
}

/** `AA AA AA 96 69 00 03 10 FF EC`: resets the SAM. */
export const encodeReset = (): Uint8Array => encodeCommand('reset');
/** `AA AA AA 96 69 00 03 11 FF ED`: asks the SAM for its status. */
export const encodeSamStatus = (): Uint8Array => encodeCommand('samStatus');
/** Reads the SAM's identity (management information). */
export const encodeReadSamId = (): Uint8Array => encodeCommand('readSamId');
/** `AA AA AA 96 69 00 03 20 01 22`: looks for a card in the field. */
export const encodeFindCard = (): Uint8Array => encodeCommand('findCard');
/** `AA AA AA 96 69 00 03 20 02 21`: selects the card found. */
export const encodeSelectCard = (): Uint8Array => encodeCommand('selectCard');
/** `AA AA AA 96 69 00 03 30 01 32`: reads text and photo of the selected card. */
export const encodeReadCard = (): Uint8Array => encodeCommand('readCard');

/** The complete frame for a response (used by the simulator). */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const payload = new Uint8Array(3 + data.length);
  payload.set([sw1, sw2, sw3], 0);
  payload.set(data, 3);
  return encodeFrame(payload);
}

/** Splits a response payload into status bytes and data; undefined if too short to be one. */
export function parseResponse(payload: Uint8Array): IdCardResponse | undefined {
  if (payload.length < 3) return undefined;
  return { sw1: payload[0]!, sw2: payload[1]!, sw3: payload[2]!, data: payload.subarray(3) };
}
