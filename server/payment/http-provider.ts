/**
 * A `PaymentProvider` over HTTP, speaking the simulator's protocol (server/payment/simulator.ts), which
 * follows the shapes of the common channels: JSON bodies with `mch_id` and snake_case fields, every
 * request and answer signed (signature.ts). A real channel plugs in as another PaymentProvider
 * (its SDK and certificates) chosen by configuration (config.ts).
 */
import { randomBytes } from 'node:crypto';
import {
  type BillLine,
  type MicropayResult,
  OrderAlreadyPaid,
  type PaidNotification,
  PrecreateRefused,
  type PaymentProvider,
  ProviderUncertain,
  type QueryResult,
} from './provider';
import { signedHeaders, verifySigned } from './signature';

export interface HttpProviderOptions {
  baseUrl: string;
  merchantId: string;
  key: string;
  /** How long one call may take before it is uncertain (default 5 s). */
  timeoutMs?: number;
  channel?: PaymentProvider['channel'];
}

type Answer = Record<string, unknown>;

/** Precreate answers that mean the channel made no trade for the number (WeChat- and Alipay-style codes). */
const PRECREATE_REFUSALS = new Set(['NOAUTH', 'RULELIMIT', 'ACCESS_FORBIDDEN', 'TRADE_ERROR']);

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function paidTrade(a: Answer) {
  return { transactionId: str(a.transaction_id), amount: Number(a.total_fee), paidAt: new Date(str(a.time_end)) };
}

/** The HTTP provider. */
export function httpPaymentProvider(options: HttpProviderOptions): PaymentProvider {
  const timeoutMs = options.timeoutMs ?? 5000;

  async function call(path: string, fields: Record<string, unknown>): Promise<Answer> {
    const body = JSON.stringify({ mch_id: options.merchantId, nonce_str: randomBytes(8).toString('hex'), ...fields });
    let res: Response;
    let text: string;
    try {
      res = await fetch(new URL(path, options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(options.key, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      throw new ProviderUncertain(`${path}: ${(error as Error).name}`);
    }
    const headers = Object.fromEntries(res.headers.entries());
    if (!verifySigned(options.key, headers, text))
      throw new ProviderUncertain(`${path}: answer not signed by the channel`);
    let answer: Answer;
    try {
      answer = JSON.parse(text) as Answer;
    } catch {
      throw new ProviderUncertain(`${path}: answer is not JSON`);
    }
    if (answer.return_code !== 'SUCCESS') throw new ProviderUncertain(`${path}: ${str(answer.return_msg) || 'failed'}`);
    if (answer.err_code === 'SYSTEMERROR') throw new ProviderUncertain(`${path}: SYSTEMERROR`);
    return answer;
  }

  return {
    channel: options.channel ?? 'simulator',
    async micropay({ orderNo, amount, authCode, description }): Promise<MicropayResult> {
      const a = await call('/pay/micropay', {
        out_trade_no: orderNo,
        total_fee: amount,
        auth_code: authCode,
        body: description,
      });
      if (a.result_code === 'SUCCESS') return { status: 'SUCCESS', ...paidTrade(a) };
      switch (a.err_code) {
        case 'USERPAYING':
          return { status: 'USERPAYING' };
        case 'NOTENOUGH':
        case 'TRADE_ERROR':
          return { status: 'FAIL', failure: 'declined' };
        case 'AUTHCODEEXPIRE':
        case 'AUTH_CODE_INVALID':
          return { status: 'FAIL', failure: 'codeInvalid' };
        default:
          throw new ProviderUncertain(`micropay: ${str(a.err_code)}`);
      }
    },
    async precreate({ orderNo, amount, description, expiresAt, notifyUrl }) {
      const a = await call('/pay/precreate', {
        out_trade_no: orderNo,
        total_fee: amount,
        body: description,
        time_expire: expiresAt.toISOString(),
        notify_url: notifyUrl,
      });
      // A definite no (the channel made nothing for the number) vs. anything unclear, which must be closed.
      if (a.result_code === 'FAIL' && PRECREATE_REFUSALS.has(str(a.err_code)))
        throw new PrecreateRefused(str(a.err_code));
      if (a.result_code !== 'SUCCESS' || !str(a.code_url)) throw new ProviderUncertain(`precreate: ${str(a.err_code)}`);
      return { codeUrl: str(a.code_url) };
    },
    async query(orderNo): Promise<QueryResult> {
      const a = await call('/pay/orderquery', { out_trade_no: orderNo });
      if (a.err_code === 'ORDERNOTEXIST') return { tradeState: 'NOTEXIST' };
      const state = str(a.trade_state);
      if (state === 'SUCCESS' || state === 'REFUND') return { tradeState: state, ...paidTrade(a) };
      if (
        state === 'USERPAYING' ||
        state === 'NOTPAY' ||
        state === 'REVOKED' ||
        state === 'PAYERROR' ||
        state === 'CLOSED'
      ) {
        const reason = str(a.close_reason);
        return reason === 'userCancelled' || reason === 'declined'
          ? { tradeState: state, failure: reason }
          : { tradeState: state };
      }
      throw new ProviderUncertain(`orderquery: unknown trade_state`);
    },
    async reverse(orderNo) {
      // WeChat asks to call reverse again while it answers recall=Y.
      for (let i = 0; i < 5; i++) {
        const a = await call('/pay/reverse', { out_trade_no: orderNo });
        if (a.result_code === 'SUCCESS') return;
        if (a.recall !== 'Y') throw new ProviderUncertain(`reverse: ${str(a.err_code)}`);
      }
      throw new ProviderUncertain('reverse: still asked to recall');
    },
    async close(orderNo) {
      const a = await call('/pay/closeorder', { out_trade_no: orderNo });
      if (a.err_code === 'ORDERPAID') throw new OrderAlreadyPaid();
      if (a.result_code !== 'SUCCESS' && a.err_code !== 'ORDERCLOSED')
        throw new ProviderUncertain(`closeorder: ${str(a.err_code)}`);
    },
    async refund({ orderNo, refundNo, amount }) {
      const a = await call('/pay/refund', { out_trade_no: orderNo, out_refund_no: refundNo, refund_fee: amount });
      if (a.result_code !== 'SUCCESS') throw new ProviderUncertain(`refund: ${str(a.err_code)}`);
      return { refundId: str(a.refund_id), refundedAt: new Date(str(a.refund_time)) };
    },
    async refundQuery({ orderNo, refundNo }) {
      const a = await call('/pay/refundquery', { out_trade_no: orderNo, out_refund_no: refundNo });
      if (a.result_code === 'SUCCESS')
        return { status: 'SUCCESS', refundId: str(a.refund_id), refundedAt: new Date(str(a.refund_time)) };
      if (a.err_code === 'REFUNDNOTEXIST' || a.err_code === 'ORDERNOTEXIST') return { status: 'NOTFOUND' };
      throw new ProviderUncertain(`refundquery: ${str(a.err_code)}`);
    },
    async bill(date): Promise<BillLine[]> {
      const a = await call('/pay/downloadbill', { bill_date: date });
      const lines = Array.isArray(a.lines) ? (a.lines as Answer[]) : [];
      return lines.map((l) => ({
        orderNo: str(l.out_trade_no),
        transactionId: str(l.transaction_id),
        amount: Number(l.total_fee),
        refunded: Number(l.refund_fee ?? 0),
      }));
    },
    verifyNotification(headers, body): PaidNotification | null {
      if (!verifySigned(options.key, headers, body)) return null;
      let n: Answer;
      try {
        n = JSON.parse(body) as Answer;
      } catch {
        return null;
      }
      if (n.mch_id !== options.merchantId || n.result_code !== 'SUCCESS' || !str(n.out_trade_no)) return null;
      const trade = paidTrade(n);
      if (!trade.transactionId || !Number.isSafeInteger(trade.amount) || Number.isNaN(trade.paidAt.getTime()))
        return null;
      return { orderNo: str(n.out_trade_no), ...trade };
    },
  };
}
