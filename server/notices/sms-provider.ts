/**
 * What the hall server needs of an SMS gateway, in the shape the common domestic APIs share
 * (Aliyun SendSms / QuerySendDetails, Tencent Cloud SendSms / PullSmsSendStatus): an approved
 * signature name, a template code with named parameters, an `outId` of ours echoed back, per-number
 * rate limits answered as an error, and delivery receipts pulled later.
 */

/** One message to send. */
export interface SmsSendRequest {
  /** Our outbox row id (Aliyun `OutId`, Tencent `SessionContext`): receipts and look-ups carry it. */
  outId: string;
  phone: string;
  /** The approved signature (签名), shown as 【…】 before the text. */
  signName: string;
  templateCode: string;
  templateParams: Record<string, string>;
}

/** Gateway failures, mapped from the vendors' codes (e.g. `isv.BUSINESS_LIMIT_CONTROL`). */
export type SmsFailureCode =
  /** Per-number flow control (1 a minute, 5 an hour, 10 a day are common defaults). */
  | 'rateLimited'
  | 'invalidNumber'
  | 'templateRejected'
  | 'signatureRejected'
  /** The gateway could not be reached or answered 5xx; whether it sent is unknown. */
  | 'unavailable';

/** The gateway's answer to a send. */
export type SmsSendResult =
  { ok: true; messageId: string } | { ok: false; code: SmsFailureCode; retryable: boolean; retryAfterMs?: number };

/** A delivery receipt (状态报告). */
export interface SmsReceipt {
  outId: string;
  messageId: string;
  status: 'delivered' | 'failed';
  at: Date;
}

/** An SMS gateway. */
export interface SmsProvider {
  readonly name: string;
  send(request: SmsSendRequest): Promise<SmsSendResult>;
  /** Whether a message with this `outId` was already accepted (asked before any resend). */
  findSent(outId: string): Promise<{ messageId: string } | null>;
  /** Receipts not yet pulled, oldest first. */
  pullReceipts(max: number): Promise<SmsReceipt[]>;
}
