// Every error the payment routes can answer has a plain sentence on the kiosk, in Chinese and in
// English (not the generic "something went wrong"). The staff console's side: tests/server/web/error-text.test.ts.
import { describe, expect, it } from 'vitest';
import { paymentRoutes } from '../../contracts';
import { messages } from '../../renderer/src/i18n';

const cjk = /[\u4e00-\u9fff]/;
const codes = [
  ...new Set([
    ...Object.values(paymentRoutes).flatMap((r) => [...r.errors]),
    // every route can meet these on the way
    'serverUnreachable' as const,
    'invalidRequest' as const,
  ]),
];

describe('payment error sentences', () => {
  it('name every payment route error in zh and en, each its own sentence', () => {
    const zh = messages['zh-CN'].error.codes;
    const en = messages.en.error.codes;
    expect(codes).toContain('providerUnavailable');
    for (const code of codes) {
      expect(zh[code], `zh ${code}`).toMatch(cjk);
      expect(en[code], `en ${code}`).toMatch(/^[A-Z]/);
      expect(en[code], `en ${code}`).not.toMatch(cjk);
      expect(zh[code], `zh ${code} is not the generic sentence`).not.toBe(zh.internal);
      expect(en[code], `en ${code} is not the generic sentence`).not.toBe(en.internal);
    }
  });

  it('tell the person that nothing was charged when the channel cannot be reached', () => {
    expect(messages['zh-CN'].error.codes.providerUnavailable).toBe('支付通道暂时连接不上，没有扣款，请稍后再试。');
    expect(messages.en.error.codes.providerUnavailable).toBe(
      'The payment service cannot be reached. Nothing was charged. Please try again later.',
    );
  });
});
