// SW3, the reader's own status byte in every response. Meanings from the public
// SAM_V communication protocol table (公安部 居民身份证验证安全控制模块 interface,
// as republished by reader vendors); the names are ours.

/** SW3 byte -> status name. Frozen data, one row per documented code. */
export const SAM_STATUS = Object.freeze({
  0x90: 'ok', // 操作成功
  0x91: 'noContent', // 没有内容 (e.g. no appended address)
  0x9f: 'cardFound', // 寻找证/卡成功
  0x10: 'checksumError', // the reader received a frame with a bad checksum
  0x11: 'lengthError', // the reader received a frame with a bad length
  0x21: 'commandError', // unknown command or bad parameter combination
  0x23: 'notAllowed', // 越权操作
  0x24: 'unrecognizedError', // 无法识别的错误
  0x31: 'cardRejectedReader', // 证/卡认证机具失败: the card did not accept the reader
  0x32: 'readerRejectedCard', // 机具认证证/卡失败: the reader did not accept the card
  0x33: 'verificationFailed', // 信息验证错误
  0x40: 'unknownCardType', // 无法识别的证/卡类型
  0x41: 'readFailed', // 读证/卡操作失败
  0x47: 'randomNumberFailed', // 取随机数失败
  0x60: 'samSelfTestFailed', // SAM 自检失败, accepts no command
  0x66: 'samNotAuthorized', // SAM 未经授权, unusable
  0x80: 'findFailed', // 寻找证/卡失败: no card, or no card that is not yet read
  0x81: 'selectFailed', // 选取证/卡失败
} as const);

/** A documented SW3 status name, or `unknownStatus` for any other byte. */
export type SamStatusName = (typeof SAM_STATUS)[keyof typeof SAM_STATUS] | 'unknownStatus';

/** Names the SW3 byte; undocumented bytes become `unknownStatus`. */
export function samStatusName(sw3: number): SamStatusName {
  return (SAM_STATUS as Readonly<Record<number, SamStatusName>>)[sw3] ?? 'unknownStatus';
}

const READER_FAULTS: ReadonlySet<SamStatusName> = new Set<SamStatusName>([
  'checksumError',
  'lengthError',
  'commandError',
  'notAllowed',
  'unrecognizedError',
  'samSelfTestFailed',
  'samNotAuthorized',
  'unknownStatus',
]);

/** True when the status says the reader or its SAM is unwell (as opposed to the card or its placement). */
export function isReaderFault(name: SamStatusName): boolean {
  return READER_FAULTS.has(name);
}
