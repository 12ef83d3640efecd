/**
 * Payments (缴费): the hall's orders of one day with the day's totals, and the reconciliation of the
 * channel's daily bill against the ledger with every difference. Supervisors and admins refund a
 * posted order (with a reason, kept in the audit log) and run the reconciliation now; clerks see the
 * same lists without those buttons. Payers are masked as on a receipt.
 */
import { useState } from 'react';
import type { StaffRole } from '../../../../contracts/domain';
import { formatFen } from '../../../../contracts/money';
import {
  type PaymentFailure,
  type PaymentState,
  ReconciliationResult,
  type ReconciliationDifference,
  RefundResponse,
  type StaffPaymentLine,
  StaffPaymentsResponse,
  paymentRoutes,
} from '../../../../contracts/payment';
import { ApiError, apiRequest, errorText } from '../shared/api';
import { usePoll } from '../shared/use-poll';
import './payments.css';

const POLL_MS = 10_000;

const stateName: Record<PaymentState, string> = {
  created: '待支付',
  paying: '支付中',
  paid: '已扣款待入账',
  failed: '未支付',
  reversed: '已撤销',
  posted: '已入账',
  refunding: '退款处理中（渠道确认后自动完成）',
  refunded: '已退款',
};
const failureName: Record<PaymentFailure, string> = {
  declined: '支付渠道拒绝',
  codeInvalid: '付款码无效',
  userCancelled: '手机上取消',
  timedOut: '超时关闭',
  cancelled: '终端取消',
  providerError: '渠道异常已撤销',
  qrRefused: '渠道未生成二维码',
};
const itemName: Record<string, string> = {
  residentPension: '居民养老',
  residentMedical: '居民医保',
  arrears: '补缴',
};
const differenceName: Record<ReconciliationDifference['kind'], string> = {
  missingInLedger: '渠道有扣款，台账没有',
  missingInBill: '台账有，渠道账单没有',
  amountMismatch: '金额不一致',
  refundMismatch: '退款不一致',
};
const methodName = { micropay: '付款码', native: '扫码' } as const;

const yuan = (fen: number) => `${formatFen(fen)} 元`;
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

function messageOf(e: unknown): string {
  if (e instanceof ApiError && e.code === 'providerUnavailable') return '支付渠道暂时连不上，请稍后再试';
  if (e instanceof ApiError && e.code === 'conflict') return '该订单状态已变化（可能已退款），请看最新列表';
  return errorText(e);
}

/** A route with its query string (the shared client fills only path parameters). */
function withDate<R extends { method: string; path: string }>(route: R, date: string): R {
  return date ? { ...route, path: `${route.path}?date=${encodeURIComponent(date)}` } : route;
}

export function PaymentsPanel({ token, role }: { token: string; role: StaffRole }) {
  const [date, setDate] = useState('');
  const canAct = role === 'supervisor' || role === 'admin';
  const payments = usePoll(
    (signal) => apiRequest(withDate(paymentRoutes.staffPayments, date), StaffPaymentsResponse, { token, signal }),
    POLL_MS,
    `${token}:${date}`,
  );
  const recon = usePoll(
    (signal) => apiRequest(withDate(paymentRoutes.staffReconciliation, date), ReconciliationResult, { token, signal }),
    POLL_MS * 3,
    `${token}:${date}`,
  );
  const [refunding, setRefunding] = useState<{ orderId: string; requestId: string; reason: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const refund = async () => {
    if (!refunding) return;
    setBusy(true);
    setMessage(null);
    try {
      const done = await apiRequest(paymentRoutes.staffRefund, RefundResponse, {
        token,
        params: { orderId: refunding.orderId },
        body: { requestId: refunding.requestId, reason: refunding.reason.trim() },
      });
      setMessage({ text: `已退款 ${yuan(done.amount)}，缴费记录已撤回`, error: false });
      setRefunding(null);
    } catch (e) {
      setMessage({ text: messageOf(e), error: true });
    } finally {
      setBusy(false);
      payments.refresh();
    }
  };

  const reconcile = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await apiRequest(withDate(paymentRoutes.staffRunReconciliation, date), ReconciliationResult, {
        token,
      });
      setMessage({
        text:
          result.status === 'matched'
            ? '对账完成：渠道账单与台账一致'
            : `对账完成：${result.differences.length} 处差异`,
        error: false,
      });
    } catch (e) {
      setMessage({ text: messageOf(e), error: true });
    } finally {
      setBusy(false);
      recon.refresh();
    }
  };

  const data = payments.data;
  const orders = data?.orders ?? [];
  return (
    <section className="panel pay-panel" aria-labelledby="pay-title" data-testid="payments-panel">
      <h2 id="pay-title">缴费</h2>
      <div className="pay-toolbar">
        <label>
          日期{' '}
          <input
            type="date"
            value={date || data?.date || ''}
            onChange={(e) => setDate(e.target.value)}
            data-testid="payments-date"
          />
        </label>
        {data && (
          <p className="pay-totals" data-testid="payments-totals">
            收款 <strong>{data.totals.postedCount}</strong> 笔 <strong>{yuan(data.totals.posted)}</strong>
            {data.totals.refundedCount > 0 && (
              <>
                ，退款 <strong>{data.totals.refundedCount}</strong> 笔 <strong>{yuan(data.totals.refunded)}</strong>
              </>
            )}
          </p>
        )}
      </div>
      {payments.error !== null && !data && <p className="form-error">{errorText(payments.error)}</p>}
      {message && (
        <p className={message.error ? 'form-error' : 'form-note'} role="status">
          {message.text}
        </p>
      )}
      <div className="pay-scroll">
        <table className="table" data-testid="payments-orders">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">订单号 / 终端</th>
              <th scope="col">缴费人</th>
              <th scope="col">项目</th>
              <th scope="col" className="num">
                金额
              </th>
              <th scope="col">状态</th>
              {canAct && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {orders.length === 0 && (
              <tr>
                <td colSpan={canAct ? 7 : 6} className="muted">
                  这一天还没有缴费订单
                </td>
              </tr>
            )}
            {orders.map((o) => (
              <OrderRow
                key={o.orderId}
                order={o}
                canAct={canAct}
                busy={busy}
                refunding={refunding?.orderId === o.orderId ? refunding : null}
                onStart={() => setRefunding({ orderId: o.orderId, requestId: crypto.randomUUID(), reason: '' })}
                onReason={(reason) => setRefunding((r) => (r ? { ...r, reason } : r))}
                onCancel={() => setRefunding(null)}
                onConfirm={() => void refund()}
              />
            ))}
          </tbody>
        </table>
      </div>
      <Reconciliation
        result={recon.data}
        error={recon.error}
        canAct={canAct}
        busy={busy}
        onRun={() => void reconcile()}
      />
    </section>
  );
}

function OrderRow(p: {
  order: StaffPaymentLine;
  canAct: boolean;
  busy: boolean;
  refunding: { reason: string } | null;
  onStart: () => void;
  onReason: (reason: string) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const o = p.order;
  return (
    <>
      <tr data-testid={`payment-order-${o.orderNo}`}>
        <td className="num nowrap">{time(o.createdAt)}</td>
        <td>
          <span className="pay-order-no">{o.orderNo}</span>
          <div className="muted">
            {o.terminalId}
            {o.method && ` · ${methodName[o.method]}`}
          </div>
        </td>
        <td className="nowrap">
          {o.payer.maskedName}
          <div className="muted">{o.payer.maskedIdNumber}</div>
        </td>
        <td className="nowrap">{[...new Set(o.itemKinds)].map((k) => itemName[k] ?? k).join('、')}</td>
        <td className="num nowrap">{yuan(o.amount)}</td>
        <td className="nowrap">
          <span
            className={
              o.state === 'refunded' || o.state === 'refunding' || o.state === 'paid' ? 'text-warn' : undefined
            }
          >
            {stateName[o.state]}
          </span>
          {o.failure && <div className="muted">{failureName[o.failure]}</div>}
        </td>
        {p.canAct && (
          <td>
            {o.state === 'posted' && !p.refunding && (
              <button type="button" className="btn btn-small btn-warn" disabled={p.busy} onClick={p.onStart}>
                退款
              </button>
            )}
          </td>
        )}
      </tr>
      {p.refunding && (
        <tr className="pay-refund-row">
          <td colSpan={7}>
            <form
              className="pay-refund"
              onSubmit={(e) => {
                e.preventDefault();
                p.onConfirm();
              }}
            >
              <label>
                退款原因（记入审计日志，不写个人信息）
                <input
                  type="text"
                  value={p.refunding.reason}
                  minLength={2}
                  maxLength={200}
                  required
                  onChange={(e) => p.onReason(e.target.value)}
                  data-testid="refund-reason"
                />
              </label>
              <button
                type="submit"
                className="btn btn-warn"
                disabled={p.busy || p.refunding.reason.trim().length < 2}
                data-testid="refund-confirm"
              >
                确认退款 {yuan(o.amount)}
              </button>
              <button type="button" className="btn btn-quiet" onClick={p.onCancel}>
                取消
              </button>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

function Reconciliation(p: {
  result: ReconciliationResult | null;
  error: unknown;
  canAct: boolean;
  busy: boolean;
  onRun: () => void;
}) {
  const r = p.result;
  return (
    <div className="pay-recon" data-testid="reconciliation">
      <h3>
        对账{' '}
        {r && (
          <span className={r.status === 'differences' ? 'text-warn' : 'muted'} data-testid="reconciliation-status">
            {r.status === 'notRun'
              ? '（这一天还没有对账）'
              : r.status === 'matched'
                ? `一致（${time(r.ranAt!)} 核对）`
                : `${r.differences.length} 处差异（${time(r.ranAt!)} 核对）`}
          </span>
        )}
      </h3>
      {p.error !== null && !r && <p className="form-error">{errorText(p.error)}</p>}
      {r && r.status !== 'notRun' && (
        <p className="muted">
          渠道账单 {r.bill.count} 笔 {yuan(r.bill.amount)}，退款 {r.bill.refundCount} 笔 {yuan(r.bill.refundAmount)}；
          台账 {r.ledger.count} 笔 {yuan(r.ledger.amount)}，退款 {r.ledger.refundCount} 笔 {yuan(r.ledger.refundAmount)}
        </p>
      )}
      {r && r.differences.length > 0 && (
        <table className="table" data-testid="reconciliation-differences">
          <thead>
            <tr>
              <th scope="col">差异</th>
              <th scope="col">订单号 / 渠道流水号</th>
              <th scope="col" className="num">
                台账
              </th>
              <th scope="col" className="num">
                渠道
              </th>
            </tr>
          </thead>
          <tbody>
            {r.differences.map((d) => (
              <tr key={`${d.kind}-${d.orderNo}`}>
                <td className="text-warn">{differenceName[d.kind]}</td>
                <td>
                  <span className="pay-order-no">{d.orderNo}</span>
                  {d.transactionId && <div className="muted">{d.transactionId}</div>}
                </td>
                <td className="num nowrap">{d.ledgerAmount === null ? '—' : yuan(d.ledgerAmount)}</td>
                <td className="num nowrap">{d.billAmount === null ? '—' : yuan(d.billAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.canAct && (
        <p className="command-bar">
          <button type="button" className="btn" disabled={p.busy} onClick={p.onRun} data-testid="reconciliation-run">
            下载渠道账单并对账
          </button>
        </p>
      )}
    </div>
  );
}
