/** Payment settings: the channel, limits and payer checks (from the environment in main/start). */
import type { PaymentProvider } from './provider';

export interface PaymentConfig {
  /** The channel; null: payment is closed (options list no methods, paying answers providerUnavailable). */
  provider: PaymentProvider | null;
  /** Where the channel sends notifications; default: this server's own `/api/v1/payment/notify`. */
  notifyUrl?: string | undefined;
  /** The largest order, fen (default 2,000,000 = ¥20,000). */
  maxOrderAmount: number;
  /** Family members one order may pay for besides the payer (default 5). */
  maxFamilyMembers: number;
  /** Payer check: family members must live in the payer's city (first four digits of the ID number). */
  familySameCity: boolean;
  /** How long an order may take to be paid (ms, default 5 minutes). */
  orderTtlMs: number;
  /** How often paying orders are checked with the channel (ms, default 2000). */
  followIntervalMs: number;
  /** A micropay call older than this with no answer is reversed by the sweep (ms; default 15 s). */
  uncertainAfterMs: number;
}

export const defaultPaymentConfig: PaymentConfig = {
  provider: null,
  maxOrderAmount: 2_000_000,
  maxFamilyMembers: 5,
  familySameCity: false,
  orderTtlMs: 5 * 60_000,
  followIntervalMs: 2000,
  uncertainAfterMs: 15_000,
};

/** Limits and checks from the environment (PAYMENT_MAX_ORDER_FEN, PAYMENT_MAX_FAMILY, PAYMENT_FAMILY_SAME_CITY, PAYMENT_ORDER_TTL_S). */
export function paymentLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<PaymentConfig> {
  const int = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  const out: Partial<PaymentConfig> = {};
  const max = int(env.PAYMENT_MAX_ORDER_FEN);
  if (max !== undefined) out.maxOrderAmount = max;
  const fam = int(env.PAYMENT_MAX_FAMILY);
  if (fam !== undefined) out.maxFamilyMembers = fam;
  if (env.PAYMENT_FAMILY_SAME_CITY) out.familySameCity = env.PAYMENT_FAMILY_SAME_CITY === '1';
  const ttl = int(env.PAYMENT_ORDER_TTL_S);
  if (ttl !== undefined) out.orderTtlMs = ttl * 1000;
  return out;
}
