// A hall server double for the payment desk: a tiny ledger that charges an order at most once and
// can lose requests or answers on the way (the network), so retries and cancels can be watched.
import {
  KioskError,
  type OrderItem,
  type OrderItemRequest,
  type PaymentOrder,
  type PaymentState,
} from '../../contracts';
import type { PaymentHall } from '../../host/payment/payment-hall';

type Call = { route: keyof PaymentHall; orderId?: string; requestId?: string; authCode?: string };

/** What the phone does after a code is scanned or the QR shown. */
export type PhoneBehaviour = 'payAtOnce' | 'askPassword' | 'decline';

export class FakePaymentHall implements PaymentHall {
  readonly calls: Call[] = [];
  /** Money actually taken from the person (fen), as the channel would count it. */
  charged = 0;
  reversed = 0;
  phone: PhoneBehaviour = 'payAtOnce';
  /** Calls to lose before they reach the server. */
  loseRequests = 0;
  /** Calls whose answer is lost after the server acted. */
  loseAnswers = 0;
  /** Native starts the channel refuses (no QR made): the order stays created, failure qrRefused. */
  refuseQr = 0;
  private readonly orders = new Map<string, PaymentOrder>();
  private readonly byRequest = new Map<string, string>();
  private n = 0;

  /** The phone confirms the password (askPassword) or pays the shown QR. */
  confirm(orderId: string): void {
    const order = this.orders.get(orderId)!;
    if (order.state !== 'paying') return;
    this.pay(order);
  }

  order(sessionId: string, orderId: string): Promise<PaymentOrder> {
    return this.net({ route: 'order', orderId }, () => this.get(orderId));
  }

  options(): Promise<never> {
    throw new KioskError('internal', 'not used');
  }
  checkFamilyMember(): Promise<never> {
    throw new KioskError('internal', 'not used');
  }
  certificate(): Promise<never> {
    throw new KioskError('internal', 'not used');
  }

  createOrder(sessionId: string, request: { requestId: string; items?: OrderItemRequest[] }): Promise<PaymentOrder> {
    return this.net({ route: 'createOrder', requestId: request.requestId }, () => {
      const known = this.byRequest.get(request.requestId);
      if (known) return this.get(known);
      this.n++;
      const orderId = `00000000-0000-4000-8000-${String(this.n).padStart(12, '0')}`;
      const order: PaymentOrder = {
        orderId,
        orderNo: `K${String(this.n).padStart(8, '0')}`,
        state: 'created',
        method: null,
        amount: 0,
        items: (request.items ?? [{ kind: 'residentPension', year: 2026, gradeId: 'g3' }]).map(priced),
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
        codeUrl: null,
        awaitingUserConfirmation: false,
        failure: null,
        receipt: null,
        postedAt: null,
        certificateAvailable: false,
        alreadyCreated: false,
      };
      order.amount = order.items.reduce((sum, item) => sum + item.amount, 0);
      this.orders.set(orderId, order);
      this.byRequest.set(request.requestId, orderId);
      return { ...order };
    });
  }

  start(
    sessionId: string,
    orderId: string,
    how: { method: 'micropay'; authCode: string } | { method: 'native' },
  ): Promise<PaymentOrder> {
    const authCode = how.method === 'micropay' ? how.authCode : undefined;
    return this.net({ route: 'start', orderId, authCode }, () => {
      const order = this.orders.get(orderId)!;
      if (order.state !== 'created') return { ...order }; // at most one charge per order
      order.method = how.method;
      order.failure = null;
      if (how.method === 'native' && this.refuseQr > 0) {
        this.refuseQr--;
        order.failure = 'qrRefused';
        return { ...order };
      }
      order.state = 'paying';
      if (how.method === 'native') order.codeUrl = `http://127.0.0.1:9/phone/qr/${order.orderNo}`;
      else if (this.phone === 'payAtOnce') this.pay(order);
      else if (this.phone === 'askPassword') order.awaitingUserConfirmation = true;
      else Object.assign(order, { state: 'failed', failure: 'declined' });
      return { ...order };
    });
  }

  cancel(sessionId: string, orderId: string): Promise<PaymentOrder> {
    return this.net({ route: 'cancel', orderId }, () => {
      const order = this.orders.get(orderId)!;
      if (order.state === 'created' || order.state === 'paying') {
        // A micropay the phone may already be confirming is reversed; nothing stays charged.
        const state: PaymentState = order.method === 'micropay' ? 'reversed' : 'failed';
        Object.assign(order, { state, failure: 'cancelled', awaitingUserConfirmation: false, codeUrl: null });
      }
      return { ...order };
    });
  }

  /** After a restart: the terminal's own tap, cancelled if still open (as the server's settle route). */
  settle(requestId: string): Promise<PaymentOrder> {
    return this.net({ route: 'settle', requestId }, () => {
      const orderId = this.byRequest.get(requestId);
      if (!orderId) throw new KioskError('notFound', 'no order for that tap');
      const order = this.orders.get(orderId)!;
      if (order.state === 'created' || order.state === 'paying') {
        const state: PaymentState = order.method === 'micropay' ? 'reversed' : 'failed';
        Object.assign(order, { state, failure: 'cancelled', awaitingUserConfirmation: false, codeUrl: null });
      }
      return { ...order };
    });
  }

  private pay(order: PaymentOrder): void {
    this.charged += order.amount;
    Object.assign(order, {
      state: 'posted',
      awaitingUserConfirmation: false,
      codeUrl: null,
      postedAt: new Date().toISOString(),
      receipt: {
        orderNo: order.orderNo,
        transactionId: `4200000${order.orderNo}`,
        channel: 'simulator',
        paidAt: new Date().toISOString(),
        amount: order.amount,
        hallName: '测试服务大厅',
        terminalId: 'KIOSK-TEST-01',
      },
    });
  }

  private get(orderId: string): PaymentOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new KioskError('notFound');
    return { ...order };
  }

  private async net<T>(call: Call, act: () => T): Promise<T> {
    this.calls.push(call);
    await Promise.resolve();
    if (this.loseRequests > 0) {
      this.loseRequests--;
      throw new KioskError('serverUnreachable', 'lost on the way');
    }
    const value = act();
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new KioskError('serverUnreachable', 'answer lost');
    }
    return value;
  }
}

const chen = { maskedName: '陈*雨', maskedIdNumber: '4401**********0825' };

/** The ledger double's prices (a real server takes them from its policy tables). */
function priced(item: OrderItemRequest): OrderItem {
  const year = item.kind === 'arrears' ? 2025 : item.year;
  const base = { year, from: `${year}01`, to: `${year}12`, gradeId: null, subsidy: 0, beneficiary: chen };
  if (item.kind === 'residentPension')
    return {
      ...base,
      kind: item.kind,
      insuranceType: 'residentPension',
      gradeId: item.gradeId,
      amount: 38_000,
      subsidy: 6_000,
    };
  if (item.kind === 'residentMedical') {
    const beneficiary = item.idNumber
      ? { maskedName: '陈*', maskedIdNumber: `${item.idNumber.slice(0, 4)}**********${item.idNumber.slice(-4)}` }
      : chen;
    return { ...base, kind: item.kind, insuranceType: 'residentMedical', amount: 40_000, beneficiary };
  }
  return { ...base, kind: 'arrears', insuranceType: 'residentPension', amount: 30_000 };
}
