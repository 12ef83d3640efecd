// What a status word means (ISO/IEC 7816-4 §5.1.3, and the PIN counter convention
// 63Cx that Chinese COS, the social security card's included, follow).
import { quietError, type SsCardError, type SsCardErrorCode } from './errors';

/** A status word, classified. */
export type StatusWordMeaning =
  | { kind: 'ok' }
  /** 61xx: `available` more bytes wait for GET RESPONSE (0 means 256). */
  | { kind: 'moreData'; available: number }
  /** 6Cxx: resend with Le = `exact` (0 means 256). */
  | { kind: 'wrongLe'; exact: number }
  | { kind: 'error'; error: SsCardError };

/** Exact status words -> error code (frozen data). */
export const SS_CARD_STATUS_WORDS: Readonly<Record<number, SsCardErrorCode>> = Object.freeze({
  0x6400: 'pinEntryTimeout', // PIN pad: nobody typed in time (PC/SC part 10)
  0x6401: 'pinEntryCancelled', // PIN pad: the holder pressed cancel
  0x6700: 'wrongLength', // 长度错误
  0x6982: 'securityStatusNotSatisfied', // 不满足安全状态
  0x6983: 'pinBlocked', // 认证方法锁定
  0x6985: 'conditionsNotSatisfied', // 使用条件不满足
  0x6986: 'noCurrentEf', // 不满足命令执行条件 (no current EF)
  0x6a82: 'fileNotFound', // 文件未找到
  0x6a83: 'recordNotFound', // 记录未找到
  0x6a86: 'incorrectP1P2', // 参数 P1 P2 不正确
  0x6d00: 'insNotSupported', // 命令不存在
  0x6e00: 'claNotSupported', // CLA 错
});

const hex = (sw: number) => sw.toString(16).toUpperCase().padStart(4, '0');

/** Classifies SW1 SW2; never throws. */
export function interpretStatusWord(sw1: number, sw2: number): StatusWordMeaning {
  const sw = (sw1 << 8) | sw2;
  if (sw === 0x9000) return { kind: 'ok' };
  if (sw1 === 0x61) return { kind: 'moreData', available: sw2 };
  if (sw1 === 0x6c) return { kind: 'wrongLe', exact: sw2 };
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) {
    const triesLeft = sw2 & 0x0f;
    // 63C0: wrong, and no try left: as blocked as 6983.
    return triesLeft === 0
      ? { kind: 'error', error: quietError('pinBlocked', 'PIN wrong; no tries left', { sw, locked: true }) }
      : {
          kind: 'error',
          error: quietError('wrongPin', `PIN wrong; ${triesLeft} tries left`, { sw, triesLeft, locked: false }),
        };
  }
  const code = SS_CARD_STATUS_WORDS[sw] ?? 'unknownStatus';
  const details = code === 'pinBlocked' ? { sw, locked: true } : { sw };
  return { kind: 'error', error: quietError(code, `card answered ${hex(sw)} (${code})`, details) };
}
