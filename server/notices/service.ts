/**
 * The notices of a running hall server: the outbox worker, the hourly daily-notice pass for every
 * hall and the appointment reminders every few minutes. The only gateway built so far is the simulator (`SMS_PROVIDER` unset or `simulator`), which
 * also serves the simulator page; a real gateway implements SmsProvider and is passed in.
 */
import { writeAppointmentReminders } from '../appointments/reminders';
import { halls } from '../db/schema';
import type { Db } from '../db/types';
import { runDailyNotices } from './daily';
import type { SmsProvider } from './sms-provider';
import { createSmsSimulator } from './sms-simulator';
import { parseQuietHours } from './quiet-hours';
import { NoticeWorker, type NoticeWorkerOptions } from './worker';

export interface NoticeServiceOptions {
  /** Default: the simulator. */
  provider?: SmsProvider;
  /** The approved signature (`SMS_SIGN_NAME`, default 人社服务). */
  signName?: string;
  /** Outbox poll interval (default 2 s). */
  intervalMs?: number;
  /** How often the daily pass runs (default hourly; each notice is written once whatever the count). */
  dailyEveryMs?: number;
  /** How often appointment reminders are written (default every 5 minutes). */
  remindersEveryMs?: number;
  worker?: Partial<Omit<NoticeWorkerOptions, 'db' | 'provider' | 'signName'>>;
}

/** A running notice service. */
export interface NoticeService {
  provider: SmsProvider;
  worker: NoticeWorker;
  /** Runs the daily pass for every hall now (also what the timer does). */
  runDaily(now?: Date): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the worker and the daily timer over the database. */
export function startNotices(db: Db, options: NoticeServiceOptions = {}): NoticeService {
  const provider = options.provider ?? createSmsSimulator(db);
  const worker = new NoticeWorker({
    db,
    provider,
    signName: options.signName ?? process.env.SMS_SIGN_NAME ?? '人社服务',
    quietHours: parseQuietHours(process.env.SMS_QUIET_HOURS),
    ...options.worker,
  });
  worker.start(options.intervalMs ?? 2_000);
  let daily: Promise<void> | null = null;
  const runDaily = async (now?: Date) => {
    for (const hall of await db.select({ id: halls.id }).from(halls)) {
      await runDailyNotices(db, { hallId: hall.id, ...(now ? { now } : {}) });
    }
  };
  const tick = () => {
    daily ??= runDaily()
      .catch(() => undefined)
      .finally(() => (daily = null));
  };
  let reminders: Promise<unknown> | null = null;
  const remind = () => {
    reminders ??= writeAppointmentReminders(db)
      .catch(() => undefined)
      .finally(() => (reminders = null));
  };
  const reminderTimer = setInterval(remind, options.remindersEveryMs ?? 300_000);
  reminderTimer.unref();
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, options.dailyEveryMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return {
    provider,
    worker,
    runDaily,
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      clearInterval(reminderTimer);
      await worker.stop();
      await daily;
      await reminders;
    },
  };
}
