/**
 * The public phone page for appointments (预约办事, `/yuyue?hall=<id>`): sign in with ID number,
 * mobile and an SMS code; then see, book (category → day → time), move or cancel. One question per
 * screen, big type, a way back on every screen, 12333 on every error.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PhoneHallView } from '../../../../contracts/appointment-phone';
import type { Appointment, MyAppointments, Slot, SlotsResponse } from '../../../../contracts/appointments';
import { HOTLINE } from '../../../../contracts/errors';
import { ApiError } from '../shared/api';
import { clock } from '../shared/time';
import { ErrorLine } from './errors';
import { type PhoneApi, type PhoneSession, dayLabel, phoneApi } from './phone-api';
import { SignIn } from './SignIn';

type Step =
  | { kind: 'home' }
  | { kind: 'category' }
  | { kind: 'day'; slots: SlotsResponse; moving: Appointment | null }
  | { kind: 'time'; slots: SlotsResponse; day: string; moving: Appointment | null }
  | { kind: 'confirm'; slots: SlotsResponse; slot: Slot; moving: Appointment | null }
  | { kind: 'cancel'; appointment: Appointment }
  | { kind: 'done'; text: string; appointment: Appointment };

export function PhonePage({ hallId }: { hallId: string }) {
  const api = useMemo(() => phoneApi(hallId), [hallId]);
  const [hall, setHall] = useState<PhoneHallView | null>(null);
  const [session, setSession] = useState<PhoneSession | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const signOut = useCallback(() => setSession(null), []);
  useEffect(() => {
    api.hall().then(setHall, setLoadError);
  }, [api]);
  return (
    <main className="phone">
      <header className="phone-head">
        <h1>预约办事</h1>
        <p className="phone-hall">{hall?.hallName ?? ' '}</p>
      </header>
      {loadError ? (
        <ErrorLine error={loadError} />
      ) : !hall ? (
        <p className="phone-muted">正在打开…</p>
      ) : session ? (
        <Booking api={api} hall={hall} session={session} signOut={signOut} />
      ) : (
        <SignIn api={api} onSession={setSession} />
      )}
      <p className="phone-hotline">
        咨询电话 {HOTLINE}
        {hall ? ` · 大厅电话 ${hall.hallPhone}` : ''}
      </p>
    </main>
  );
}

function useCountdown(until: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000));
}

function Booking({
  api,
  hall,
  session,
  signOut,
}: {
  api: PhoneApi;
  hall: PhoneHallView;
  session: PhoneSession;
  signOut: () => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'home' });
  const [mine, setMine] = useState<MyAppointments | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const left = useCountdown(session.expiresAt);
  useEffect(() => {
    if (left === 0) signOut();
  }, [left, signOut]);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'unauthorized') signOut();
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (step.kind !== 'home') return;
    let live = true;
    api.mine(session.token).then(
      (answer) => live && setMine(answer),
      (e: unknown) => {
        if (!live) return;
        setError(e);
        if (e instanceof ApiError && e.code === 'unauthorized') signOut();
      },
    );
    return () => {
      live = false;
    };
  }, [api, session.token, signOut, step.kind]);
  const home = () => setStep({ kind: 'home' });
  const pickCategory = (code: string, moving: Appointment | null) =>
    run(async () => setStep({ kind: 'day', slots: await api.slots(code), moving }));
  const confirm = (slots: SlotsResponse, slot: Slot, moving: Appointment | null) =>
    run(async () => {
      const made = moving
        ? await api.move(session.token, moving.appointmentId, slot.ruleId, slot.startsAt)
        : await api.book(session.token, slot.ruleId, slot.startsAt, crypto.randomUUID());
      setStep({ kind: 'done', text: moving ? '改约成功' : '预约成功', appointment: made });
      void slots;
    });

  return (
    <>
      <section className="phone-who" aria-label="当前登录">
        <p>
          {session.maskedName} · {session.maskedIdNumber}
        </p>
        <p className="phone-muted">
          手机 {session.maskedPhone} · {Math.floor(left / 60)}分{String(left % 60).padStart(2, '0')}秒后自动退出
        </p>
      </section>
      {error ? <ErrorLine error={error} /> : null}
      {step.kind === 'home' && (
        <section aria-label="我的预约">
          <h2>我的预约</h2>
          {mine && mine.appointments.length === 0 && <p className="phone-muted">您还没有预约</p>}
          {mine?.appointments.map((a) => (
            <article key={a.appointmentId} className="phone-card" data-testid="phone-appointment">
              <p className="phone-card-title">{a.categoryName}</p>
              <p className="phone-card-time">
                {dayLabel(a.day)} {a.label}
              </p>
              <p className="phone-muted">
                {a.status === 'checkedIn' ? '已签到' : `到大厅后在自助终端刷身份证或社保卡签到`}
              </p>
              {a.status === 'booked' && (
                <div className="phone-row">
                  <button type="button" disabled={busy} onClick={() => pickCategory(a.categoryCode, a)}>
                    改约
                  </button>
                  <button
                    type="button"
                    className="phone-secondary"
                    disabled={busy}
                    onClick={() => setStep({ kind: 'cancel', appointment: a })}
                  >
                    取消预约
                  </button>
                </div>
              )}
            </article>
          ))}
          {mine?.blockedUntil && <p className="phone-error">您多次预约未到，{mine.blockedUntil} 前不能预约</p>}
          <button type="button" className="phone-primary" disabled={busy} onClick={() => setStep({ kind: 'category' })}>
            新的预约
          </button>
          <button type="button" className="phone-secondary" onClick={signOut}>
            退出
          </button>
        </section>
      )}
      {step.kind === 'category' && (
        <section aria-label="选择业务">
          <h2>第 1 步：办什么业务？</h2>
          {hall.categories.map((c) => (
            <button
              type="button"
              key={c.categoryCode}
              className="phone-choice"
              disabled={busy}
              onClick={() => pickCategory(c.categoryCode, null)}
            >
              {c.categoryName}
            </button>
          ))}
          <Back onClick={home} />
        </section>
      )}
      {step.kind === 'day' && (
        <section aria-label="选择日期">
          <h2>{step.moving ? '改约：' : '第 2 步：'}哪一天？</h2>
          <p className="phone-muted">{step.slots.categoryName}</p>
          {step.slots.days.length === 0 && <p className="phone-muted">近期没有可约的日子，可直接到大厅取号</p>}
          {step.slots.days.map((d) => {
            const free = d.slots.reduce((n, s) => n + s.free, 0);
            return (
              <button
                type="button"
                key={d.day}
                className="phone-choice"
                disabled={free === 0}
                onClick={() => setStep({ kind: 'time', slots: step.slots, day: d.day, moving: step.moving })}
              >
                {dayLabel(d.day)}
                <small>{free === 0 ? '已约满' : `还可约 ${free} 人`}</small>
              </button>
            );
          })}
          <Back onClick={() => (step.moving ? home() : setStep({ kind: 'category' }))} />
        </section>
      )}
      {step.kind === 'time' && (
        <section aria-label="选择时间">
          <h2>{step.moving ? '改约：' : '第 3 步：'}几点？</h2>
          <p className="phone-muted">
            {step.slots.categoryName} · {dayLabel(step.day)}
          </p>
          <div className="phone-grid">
            {step.slots.days
              .find((d) => d.day === step.day)
              ?.slots.map((s) => (
                <button
                  type="button"
                  key={`${s.ruleId}-${s.startsAt}`}
                  className="phone-time"
                  disabled={s.free === 0}
                  onClick={() => setStep({ kind: 'confirm', slots: step.slots, slot: s, moving: step.moving })}
                >
                  {s.label}
                  <small>{s.free === 0 ? '已满' : `余 ${s.free}`}</small>
                </button>
              ))}
          </div>
          <Back onClick={() => setStep({ kind: 'day', slots: step.slots, moving: step.moving })} />
        </section>
      )}
      {step.kind === 'confirm' && (
        <section aria-label="确认预约">
          <h2>{step.moving ? '确认改约' : '确认预约'}</h2>
          <div className="phone-card">
            <p className="phone-card-title">{step.slots.categoryName}</p>
            <p className="phone-card-time">
              {dayLabel(step.slots.days.find((d) => d.slots.includes(step.slot))?.day ?? '')} {step.slot.label}
            </p>
            <p className="phone-muted">
              {hall.hallName} · {step.slots.windowGroup}
            </p>
          </div>
          <button
            type="button"
            className="phone-primary"
            disabled={busy}
            onClick={() => confirm(step.slots, step.slot, step.moving)}
          >
            {step.moving ? '确认改到这个时间' : '确认预约'}
          </button>
          <Back onClick={() => setStep({ kind: 'day', slots: step.slots, moving: step.moving })} />
        </section>
      )}
      {step.kind === 'cancel' && (
        <section aria-label="取消预约">
          <h2>确定取消这个预约吗？</h2>
          <div className="phone-card">
            <p className="phone-card-title">{step.appointment.categoryName}</p>
            <p className="phone-card-time">
              {dayLabel(step.appointment.day)} {step.appointment.label}
            </p>
          </div>
          <button
            type="button"
            className="phone-danger"
            disabled={busy}
            onClick={() =>
              run(async () => {
                const cancelled = await api.cancel(session.token, step.appointment.appointmentId);
                setStep({ kind: 'done', text: '已取消预约', appointment: cancelled });
              })
            }
          >
            确定取消
          </button>
          <Back onClick={home} label="不取消，返回" />
        </section>
      )}
      {step.kind === 'done' && (
        <section aria-label="办理结果" role="status">
          <h2 className="phone-done" data-testid="phone-done">
            {step.text}
          </h2>
          <div className="phone-card">
            <p className="phone-card-title">{step.appointment.categoryName}</p>
            <p className="phone-card-time">
              {dayLabel(step.appointment.day)} {step.appointment.label}
            </p>
            {step.appointment.status === 'booked' && (
              <p>
                请在 {clock(step.appointment.checkInFrom)} 至 {clock(step.appointment.checkInUntil)} 到{' '}
                {step.appointment.hallName}，在自助终端刷身份证或社保卡签到取号。
              </p>
            )}
          </div>
          <p className="phone-muted">结果也会以短信告诉您。</p>
          <button type="button" className="phone-primary" onClick={home}>
            回到我的预约
          </button>
        </section>
      )}
    </>
  );
}

function Back({ onClick, label = '返回上一步' }: { onClick: () => void; label?: string }) {
  return (
    <button type="button" className="phone-secondary" onClick={onClick}>
      {label}
    </button>
  );
}
