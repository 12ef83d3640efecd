/**
 * The payment channel as the ledger sees it: the protocol shapes shared by the common channels
 * (WeChat Pay, Alipay, UnionPay). Payment-code "micropay" answers at once or `USERPAYING` (then the
 * ledger polls `query`); an uncertain micropay is `reverse`d; QR "native" orders are `precreate`d and
 * paid on the phone, reported by signed notifications and by polling; `refund`; the daily `bill`.
 *
 * A call that gets no trustworthy answer (timeout, network, bad signature) throws `ProviderUncertain`:
 * the channel may or may not have acted, and the ledger must find out (query, or reverse).
 */

/** The channel's state of one merchant order. */
export type TradeState = 'SUCCESS' | 'USERPAYING' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'PAYERROR' | 'REFUND';

export interface PaidTrade {
  transactionId: string;
  amount: number;
  paidAt: Date;
}

export type MicropayResult =
  | ({ status: 'SUCCESS' } & PaidTrade)
  | { status: 'USERPAYING' }
  | { status: 'FAIL'; failure: 'declined' | 'codeInvalid' };

export type QueryResult =
  | ({ tradeState: 'SUCCESS' | 'REFUND' } & PaidTrade)
  | { tradeState: 'USERPAYING' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'PAYERROR'; failure?: 'userCancelled' | 'declined' }
  | { tradeState: 'NOTEXIST' };

/** A verified notification that an order was paid. */
export interface PaidNotification extends PaidTrade {
  orderNo: string;
}

/** One line of the channel's daily bill. */
export interface BillLine {
  orderNo: string;
  transactionId: string;
  /** Charged and not reversed (fen). */
  amount: number;
  /** Refunded of it (fen). */
  refunded: number;
}

export interface PaymentProvider {
  /** Printed on receipts. */
  readonly channel: 'wechat' | 'alipay' | 'unionpay' | 'simulator';
  micropay(input: { orderNo: string; amount: number; authCode: string; description: string }): Promise<MicropayResult>;
  precreate(input: {
    orderNo: string;
    amount: number;
    description: string;
    expiresAt: Date;
    notifyUrl: string;
  }): Promise<{ codeUrl: string }>; // throws PrecreateRefused when the channel says no for certain
  query(orderNo: string): Promise<QueryResult>;
  /** Cancels a payment-code order whatever its state; a paid one is refunded in full (撤销). */
  reverse(orderNo: string): Promise<void>;
  /** Closes an unpaid native order; throws `OrderAlreadyPaid` when it was paid meanwhile. */
  close(orderNo: string): Promise<void>;
  refund(input: { orderNo: string; refundNo: string; amount: number }): Promise<{ refundId: string; refundedAt: Date }>;
  /** Whether the channel holds a refund of that number (退款查询): how the sweep finishes a refund a crash interrupted. */
  refundQuery(input: {
    orderNo: string;
    refundNo: string;
  }): Promise<{ status: 'SUCCESS'; refundId: string; refundedAt: Date } | { status: 'NOTFOUND' }>;
  bill(date: string): Promise<BillLine[]>;
  /** The notification if its signature is the channel's and it is well formed; null otherwise. */
  verifyNotification(headers: Record<string, string | string[] | undefined>, body: string): PaidNotification | null;
}

/** The channel's answer cannot be trusted or did not come: it may or may not have acted. */
export class ProviderUncertain extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUncertain';
  }
}

/**
 * The channel answered that it will not make a QR code for the order (precreate refused: no permission,
 * risk control, the channel's native payment closed). Nothing exists at the channel for the order
 * number, so the order may still be paid another way or by another QR.
 */
export class PrecreateRefused extends Error {
  constructor(readonly errCode: string) {
    super(`precreate refused: ${errCode}`);
    this.name = 'PrecreateRefused';
  }
}

/** `close` found the order paid. */
export class OrderAlreadyPaid extends Error {
  constructor() {
    super('order already paid');
    this.name = 'OrderAlreadyPaid';
  }
}
