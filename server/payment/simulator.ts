/**
 * The payment channel simulator: an HTTP server that speaks http-provider.ts's protocol from the
 * channel's side, with signatures, so the hall server's ledger runs against real requests. No real
 * keys, no real money. What the "phone" does comes from the payment code's last two digits
 * (contracts/payment.ts `simulatorCodeOutcomes`) or, for QR orders, from `POST <codeUrl>/confirm`.
 * Configurable: latency, answers that never come (timeouts), duplicate and out-of-order notifications.
 *
 * `money()` is what the merchant account actually received (charged minus reversed and refunded):
 * the chaos test compares it with the ledger.
 */
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { simulatorCodeOutcomes } from '../../contracts/payment';
import { signedHeaders, verifySigned } from './signature';

export interface SimulatorOptions {
  merchantId?: string;
  key?: string;
  host?: string;
  port?: number;
  /** Added to every answer (ms). */
  latencyMs?: number;
  /** How long the phone's password step takes for the `password` codes (ms; default 1500). */
  confirmMs?: number;
  /** Share of calls (0..1) whose answer never comes after the channel acted (default 0). */
  dropAnswerRate?: number;
  /** Each notification is sent this many times (default 1; duplicates must be refused as no-ops). */
  notifyCopies?: number;
  /** Delay before notifications, and a random extra up to this to shuffle their order (ms). */
  notifyDelayMs?: number;
  notifyJitterMs?: number;
  /** Random source (tests pass a seeded one). */
  random?: () => number;
  /** Refuse every precreate (no QR code made, `NOAUTH`), as a channel whose native payment is closed. */
  declinePrecreate?: boolean;
  /** The channel's clock (payment times, QR expiry); tests share the hall server's. */
  now?: () => Date;
}

interface Trade {
  orderNo: string;
  amount: number;
  kind: 'micropay' | 'native';
  state: 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REVOKED' | 'PAYERROR' | 'REFUND';
  closeReason?: 'userCancelled' | 'declined';
  transactionId?: string;
  paidAt?: Date;
  refunded: number;
  refundIds: Map<string, string>;
  /** When each refund (by its number) was made, for refundquery. */
  refundTimes?: Map<string, string>;
  notifyUrl?: string;
  token?: string;
  expiresAt?: Date;
  timer?: NodeJS.Timeout;
}

export interface PaymentSimulator {
  url: string;
  merchantId: string;
  key: string;
  /** Charged minus reversed and refunded, fen. */
  money(): number;
  trades(): ReadonlyArray<Readonly<Omit<Trade, 'timer' | 'refundIds'>>>;
  /** Pays, declines or cancels a native order as the phone would (by its code URL's token). */
  qrAction(token: string, action: 'pay' | 'decline' | 'cancel'): boolean;
  set(
    options: Partial<
      Pick<SimulatorOptions, 'latencyMs' | 'dropAnswerRate' | 'notifyCopies' | 'confirmMs' | 'declinePrecreate'>
    >,
  ): void;
  /** Notifications sent (each copy), for tests. */
  notificationsSent(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the simulator on loopback (a free port unless told). */
export async function startPaymentSimulator(options: SimulatorOptions = {}): Promise<PaymentSimulator> {
  const merchantId = options.merchantId ?? 'SIM-MERCHANT-1';
  const key = options.key ?? randomBytes(24).toString('hex');
  const random = options.random ?? Math.random;
  const clock = options.now ?? (() => new Date());
  const cfg = {
    latencyMs: options.latencyMs ?? 0,
    confirmMs: options.confirmMs ?? 1500,
    dropAnswerRate: options.dropAnswerRate ?? 0,
    notifyCopies: options.notifyCopies ?? 1,
    declinePrecreate: options.declinePrecreate ?? false,
  };
  const trades = new Map<string, Trade>();
  const byToken = new Map<string, Trade>();
  let serial = 0;
  let sent = 0;
  let url = '';
  const sockets = new Set<Socket>();

  const txId = () => `42000${String(Date.now()).slice(-8)}${String(++serial).padStart(8, '0')}`;

  function markPaid(t: Trade) {
    t.state = 'SUCCESS';
    t.transactionId = txId();
    t.paidAt = clock();
    if (t.kind === 'native') notify(t);
  }

  function notify(t: Trade) {
    if (!t.notifyUrl) return;
    const body = JSON.stringify({
      mch_id: merchantId,
      nonce_str: randomBytes(8).toString('hex'),
      result_code: 'SUCCESS',
      out_trade_no: t.orderNo,
      transaction_id: t.transactionId,
      total_fee: t.amount,
      time_end: t.paidAt!.toISOString(),
    });
    for (let copy = 0; copy < cfg.notifyCopies; copy++) {
      const delay = (options.notifyDelayMs ?? 0) + random() * (options.notifyJitterMs ?? 0);
      void (async () => {
        await sleep(delay);
        // Retried like the real channels (a few times, growing gaps) until the merchant answers SUCCESS.
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            sent++;
            const res = await fetch(t.notifyUrl!, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...signedHeaders(key, body) },
              body,
              signal: AbortSignal.timeout(5000),
            });
            const answer = (await res.json().catch(() => ({}))) as { return_code?: string };
            if (res.ok && answer.return_code === 'SUCCESS') return;
          } catch {
            // the merchant is down: retry
          }
          await sleep(200 * 2 ** attempt);
        }
      })();
    }
  }

  function micropay(f: Record<string, unknown>): Record<string, unknown> {
    const orderNo = String(f.out_trade_no);
    const amount = Number(f.total_fee);
    const code = String(f.auth_code ?? '');
    const existing = trades.get(orderNo);
    if (existing)
      return existing.state === 'SUCCESS'
        ? { result_code: 'FAIL', err_code: 'ORDERPAID' }
        : { result_code: 'FAIL', err_code: 'ORDERREVERSED' };
    if (!Number.isSafeInteger(amount) || amount <= 0) return { result_code: 'FAIL', err_code: 'PARAM_ERROR' };
    const t: Trade = { orderNo, amount, kind: 'micropay', state: 'NOTPAY', refunded: 0, refundIds: new Map() };
    const outcome = code.slice(-2);
    const o = simulatorCodeOutcomes;
    if (outcome === o.declined) return { result_code: 'FAIL', err_code: 'NOTENOUGH' };
    if (outcome === o.codeInvalid || !/^\d{18}$/.test(code)) return { result_code: 'FAIL', err_code: 'AUTHCODEEXPIRE' };
    trades.set(orderNo, t);
    if (outcome === o.password || outcome === o.passwordCancelled || outcome === o.passwordTimeout) {
      t.state = 'USERPAYING';
      if (outcome !== o.passwordTimeout)
        t.timer = setTimeout(() => {
          if (t.state !== 'USERPAYING') return;
          if (outcome === o.password) markPaid(t);
          else {
            t.state = 'PAYERROR';
            t.closeReason = 'userCancelled';
          }
        }, cfg.confirmMs);
      return { result_code: 'FAIL', err_code: 'USERPAYING' };
    }
    markPaid(t);
    if (outcome === o.noAnswer) return { __drop: true };
    return { result_code: 'SUCCESS', ...paidFields(t) };
  }

  const paidFields = (t: Trade) => ({
    out_trade_no: t.orderNo,
    transaction_id: t.transactionId,
    total_fee: t.amount,
    time_end: t.paidAt!.toISOString(),
  });

  function handle(path: string, f: Record<string, unknown>): Record<string, unknown> {
    const orderNo = String(f.out_trade_no ?? '');
    const t = trades.get(orderNo);
    switch (path) {
      case '/pay/micropay':
        return micropay(f);
      case '/pay/precreate': {
        if (t) return { result_code: 'FAIL', err_code: 'OUT_TRADE_NO_USED' };
        // Refused: no trade is kept, so the number may still be paid by payment code or a later QR.
        if (cfg.declinePrecreate)
          return { result_code: 'FAIL', err_code: 'NOAUTH', err_code_des: '暂时不能生成收款码' };
        const token = randomBytes(12).toString('hex');
        const trade: Trade = {
          orderNo,
          amount: Number(f.total_fee),
          kind: 'native',
          state: 'NOTPAY',
          refunded: 0,
          refundIds: new Map(),
          notifyUrl: String(f.notify_url ?? ''),
          token,
          expiresAt: new Date(String(f.time_expire)),
        };
        trades.set(orderNo, trade);
        byToken.set(token, trade);
        return { result_code: 'SUCCESS', code_url: `${url}/qr/${token}` };
      }
      case '/pay/orderquery':
        if (!t) return { result_code: 'FAIL', err_code: 'ORDERNOTEXIST' };
        if (t.kind === 'native' && t.state === 'NOTPAY' && t.expiresAt && t.expiresAt.getTime() < clock().getTime())
          t.state = 'CLOSED';
        return {
          result_code: 'SUCCESS',
          trade_state: t.state,
          ...(t.closeReason ? { close_reason: t.closeReason } : {}),
          ...(t.state === 'SUCCESS' || t.state === 'REFUND' ? paidFields(t) : { out_trade_no: t.orderNo }),
        };
      case '/pay/reverse':
        if (!t) {
          // Reversing an order the channel never saw closes its number for good.
          trades.set(orderNo, {
            orderNo,
            amount: 0,
            kind: 'micropay',
            state: 'REVOKED',
            refunded: 0,
            refundIds: new Map(),
          });
          return { result_code: 'SUCCESS', recall: 'N' };
        }
        if (t.state === 'REFUND') return { result_code: 'FAIL', err_code: 'TRADE_ERROR', recall: 'N' };
        clearTimeout(t.timer);
        t.state = 'REVOKED';
        return { result_code: 'SUCCESS', recall: 'N' };
      case '/pay/closeorder':
        if (!t) return { result_code: 'SUCCESS' };
        if (t.state === 'SUCCESS' || t.state === 'REFUND') return { result_code: 'FAIL', err_code: 'ORDERPAID' };
        clearTimeout(t.timer);
        if (t.state === 'NOTPAY' || t.state === 'USERPAYING') t.state = 'CLOSED';
        return { result_code: 'SUCCESS' };
      case '/pay/refund': {
        if (!t || (t.state !== 'SUCCESS' && t.state !== 'REFUND'))
          return { result_code: 'FAIL', err_code: 'TRADE_STATE_ERROR' };
        const refundNo = String(f.out_refund_no);
        const fee = Number(f.refund_fee);
        let id = t.refundIds.get(refundNo);
        if (!id) {
          if (!Number.isSafeInteger(fee) || fee <= 0 || t.refunded + fee > t.amount)
            return { result_code: 'FAIL', err_code: 'NOTENOUGH' };
          id = `50300${String(++serial).padStart(12, '0')}`;
          t.refundIds.set(refundNo, id);
          (t.refundTimes ??= new Map()).set(refundNo, clock().toISOString());
          t.refunded += fee;
          t.state = 'REFUND';
        }
        return {
          result_code: 'SUCCESS',
          refund_id: id,
          refund_time: t.refundTimes?.get(refundNo) ?? clock().toISOString(),
        };
      }
      case '/pay/refundquery': {
        // 退款查询: whether the channel holds a refund of that number (the ledger's sweep asks after a crash).
        if (!t) return { result_code: 'FAIL', err_code: 'ORDERNOTEXIST' };
        const id = t.refundIds.get(String(f.out_refund_no));
        if (!id) return { result_code: 'FAIL', err_code: 'REFUNDNOTEXIST' };
        return { result_code: 'SUCCESS', refund_id: id, refund_time: t.refundTimes?.get(String(f.out_refund_no)) };
      }
      case '/pay/downloadbill': {
        const lines = [...trades.values()]
          .filter((x) => x.paidAt && x.transactionId && x.state !== 'REVOKED')
          .filter((x) => !f.bill_date || billDate(x.paidAt!) === f.bill_date)
          .map((x) => ({
            out_trade_no: x.orderNo,
            transaction_id: x.transactionId,
            total_fee: x.amount,
            refund_fee: x.refunded,
          }));
        return { result_code: 'SUCCESS', lines };
      }
      default:
        return { return_code: 'FAIL', return_msg: 'unknown API' };
    }
  }

  function qrAction(token: string, action: 'pay' | 'decline' | 'cancel'): boolean {
    const t = byToken.get(token);
    if (!t || t.state !== 'NOTPAY' || (t.expiresAt && t.expiresAt.getTime() < clock().getTime())) return false;
    if (action === 'pay') markPaid(t);
    else {
      // The phone shows the failure; the order stays payable until it expires, like the real channels.
      t.closeReason = action === 'decline' ? 'declined' : 'userCancelled';
    }
    return true;
  }

  async function read(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function send(res: ServerResponse, status: number, answer: Record<string, unknown>) {
    const body = JSON.stringify(answer);
    res.writeHead(status, { 'content-type': 'application/json', ...signedHeaders(key, body) });
    res.end(body);
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const path = (req.url ?? '/').split('?')[0]!;
      const qr = /^\/qr\/([0-9a-f]{24})(\/confirm)?$/.exec(path);
      if (qr) {
        if (req.method === 'GET' && !qr[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(phonePage(qr[1]!, byToken.get(qr[1]!)?.amount ?? null));
          return;
        }
        let action: unknown;
        try {
          action = (JSON.parse(body) as { action?: unknown }).action;
        } catch {
          action = new URLSearchParams(body).get('action');
        }
        if (action !== 'pay' && action !== 'decline' && action !== 'cancel')
          return send(res, 400, { return_code: 'FAIL' });
        const ok = qrAction(qr[1]!, action);
        return send(res, ok ? 200 : 409, { return_code: ok ? 'SUCCESS' : 'FAIL' });
      }
      if (req.method !== 'POST') return send(res, 404, { return_code: 'FAIL', return_msg: 'not found' });
      if (!verifySigned(key, req.headers, body))
        return send(res, 401, { return_code: 'FAIL', return_msg: 'bad signature' });
      let fields: Record<string, unknown>;
      try {
        fields = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return send(res, 400, { return_code: 'FAIL', return_msg: 'not JSON' });
      }
      if (fields.mch_id !== merchantId) return send(res, 403, { return_code: 'FAIL', return_msg: 'unknown merchant' });
      if (cfg.latencyMs) await sleep(cfg.latencyMs);
      const answer = handle(path, fields);
      // The channel acted but its answer is lost: the caller times out.
      if (answer.__drop || (cfg.dropAnswerRate > 0 && random() < cfg.dropAnswerRate)) return;
      send(res, 200, { return_code: 'SUCCESS', ...answer });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { return_code: 'FAIL', return_msg: 'simulator error' });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  url = `http://${options.host ?? '127.0.0.1'}:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url,
    merchantId,
    key,
    money: () =>
      [...trades.values()].reduce(
        (sum, t) => sum + (t.state === 'SUCCESS' || t.state === 'REFUND' ? t.amount - t.refunded : 0),
        0,
      ),
    trades: () => [...trades.values()].map(({ timer: _t, refundIds: _r, refundTimes: _rt, ...rest }) => rest),
    qrAction,
    set: (o) => Object.assign(cfg, Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))),
    notificationsSent: () => sent,
    close: async () => {
      for (const t of trades.values()) clearTimeout(t.timer);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The bill date of a payment (China time, as the channels cut their bills). */
export function billDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function phonePage(token: string, amount: number | null): string {
  const yuan = amount === null ? '—' : (amount / 100).toFixed(2);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>模拟手机支付</title><style>body{font:20px sans-serif;margin:2em;max-width:24em}button{font-size:1.2em;margin:.4em;padding:.5em 1em}</style></head>
<body><h1>模拟手机支付（非真实付款）</h1><p>金额：¥${yuan}</p><p id="r"></p>
<button data-a="pay">确认支付</button><button data-a="decline">模拟余额不足</button><button data-a="cancel">取消</button>
<script>for(const b of document.querySelectorAll('button'))b.onclick=async()=>{const r=await fetch(location.pathname+'/confirm',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({action:b.dataset.a})});document.getElementById('r').textContent=r.ok?'已提交':'订单已失效';};</script>
<!-- token ${token} --></body></html>`;
}
