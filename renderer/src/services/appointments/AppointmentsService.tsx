/**
 * 预约: the person's bookings with 改约 and 取消, a new booking (category → day and time →
 * confirm), and 预约签到, which prints a priority ticket or says plainly why not (early, late, none).
 */
import { useCallback, useEffect, useReducer } from 'react';
import {
  type Appointment,
  type ErrorCode,
  type Slot,
  errorCodeOf,
  hallDate,
  hallDateTime,
} from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { useI18n } from '../../i18n';
import { useHallTimeZone } from '../../i18n/hall-time-zone';
import { newRequestId } from '../queue/machine';
import type { ServiceProps } from '../registry';
import { appointmentReducer, hasBookingOn, initialAppointmentState } from './machine';
import { type AppointmentTexts, appointmentTexts, dayLabel } from './texts';
import './appointments.css';

const clock = (zone: string, iso: string) => hallDateTime(zone, iso).slice(-5);
const when = (a: AppointmentTexts, appointment: Appointment) => `${dayLabel(a, appointment.day)} ${appointment.label}`;

export function AppointmentsService({ kiosk, say, close, now }: ServiceProps) {
  const { locale, t } = useI18n();
  const a = appointmentTexts[locale];
  const zone = useHallTimeZone();
  const [state, dispatch] = useReducer(appointmentReducer, initialAppointmentState);
  const { step, mine } = state;

  const run = useCallback(
    (call: () => Promise<void>) => {
      dispatch({ type: 'work' });
      call().catch((e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) as ErrorCode }));
    },
    [dispatch],
  );

  useEffect(() => {
    if (step.name !== 'loading') return;
    let live = true;
    Promise.all([kiosk.myAppointments({}), kiosk.listQueueCategories({})])
      .then(([m, c]) => live && dispatch({ type: 'loaded', mine: m, categories: c.categories }))
      .catch((e: unknown) => live && dispatch({ type: 'failed', code: errorCodeOf(e) }));
    return () => {
      live = false;
    };
  }, [kiosk, step.name]);

  const spoken =
    step.name === 'home'
      ? a.checkInHint
      : step.name === 'chooseCategory'
        ? a.chooseCategory
        : step.name === 'booked'
          ? a.bookedSpeech(when(a, step.appointment))
          : step.name === 'checkedIn'
            ? step.result.result.outcome === 'ticket'
              ? a.ticketSpeech(step.result.result.ticket.number)
              : step.result.result.outcome === 'early'
                ? a.early(clock(zone, step.result.result.appointment.checkInFrom))
                : step.result.result.outcome === 'late'
                  ? a.late(step.result.result.appointment.label)
                  : a.noneToday
            : step.name === 'failed'
              ? t.error.codes[step.code]
              : '';
  useEffect(() => say(spoken), [say, spoken]);

  const openSlots = (categoryCode: string, moving: Appointment | null) =>
    run(async () => {
      const slots = await kiosk.appointmentSlots({ categoryCode });
      dispatch({ type: 'slotsLoaded', slots, moving });
    });
  const checkIn = () =>
    run(async () =>
      dispatch({ type: 'checkedIn', result: await kiosk.checkInAppointment({ requestId: newRequestId() }) }),
    );
  const book = (slot: Slot, moving: Appointment | null) =>
    run(async () => {
      const appointment = moving
        ? await kiosk.moveAppointment({
            appointmentId: moving.appointmentId,
            ruleId: slot.ruleId,
            startsAt: slot.startsAt,
          })
        : await kiosk.bookAppointment({ ruleId: slot.ruleId, startsAt: slot.startsAt, requestId: newRequestId() });
      dispatch({ type: 'booked', appointment, moved: moving !== null });
    });
  const cancel = (appointment: Appointment) =>
    run(async () =>
      dispatch({
        type: 'cancelled',
        appointment: await kiosk.cancelAppointment({ appointmentId: appointment.appointmentId }),
      }),
    );

  const backHome = (
    <button
      type="button"
      className="btn btn--secondary btn--large"
      data-testid="appt-back"
      onClick={() => dispatch({ type: 'back' })}
    >
      {a.back}
    </button>
  );
  const doneButton = (
    <button type="button" className="btn btn--primary btn--huge" data-testid="appt-done" onClick={close}>
      {a.done}
    </button>
  );

  switch (step.name) {
    case 'loading':
    case 'working':
      return (
        <p className="appt__status" data-testid="appt-working" aria-busy="true">
          {step.name === 'loading' ? a.loading : a.working}
        </p>
      );
    case 'failed':
      return (
        <div className="appt__problem" data-testid="appt-error" data-error-code={step.code}>
          <h2 className="appt__heading">{a.failedHeading}</h2>
          <p className="appt__sentence">{t.error.codes[step.code]}</p>
          <HotlineNotice />
          <div className="appt__actions">
            <button
              type="button"
              className="btn btn--primary btn--large"
              data-testid="appt-retry"
              onClick={() => dispatch({ type: 'reload' })}
            >
              {a.retry}
            </button>
          </div>
        </div>
      );
    case 'home': {
      const today = hallDate(zone, now);
      return (
        <div className="appt">
          <button
            type="button"
            className={`appt-checkin${hasBookingOn(mine, today) ? ' appt-checkin--today' : ''}`}
            data-testid="appt-checkin"
            onClick={checkIn}
          >
            <span className="appt-checkin__title">{a.checkIn}</span>
            <span className="appt-checkin__hint">{a.checkInHint}</span>
          </button>
          <section className="appt-mine" aria-labelledby="appt-mine-heading">
            <h2 id="appt-mine-heading" className="appt__heading">
              {a.mine}
            </h2>
            {mine.appointments.length === 0 && <p className="appt__sentence">{a.none}</p>}
            <ul className="appt-mine__list">
              {mine.appointments.map((x) => (
                <li key={x.appointmentId} className="appt-booking" data-testid="appt-booking">
                  <span className="appt-booking__when">{when(a, x)}</span>
                  <span className="appt-booking__what">
                    {x.categoryName} · {x.windowGroup}
                  </span>
                  {x.status === 'booked' && (
                    <span className="appt-booking__actions">
                      <button
                        type="button"
                        className="btn btn--secondary btn--large"
                        data-testid="appt-move"
                        onClick={() => openSlots(x.categoryCode, x)}
                      >
                        {a.move}
                      </button>
                      <button
                        type="button"
                        className="btn btn--secondary btn--large"
                        data-testid="appt-cancel"
                        onClick={() => dispatch({ type: 'askCancel', appointment: x })}
                      >
                        {a.cancel}
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
          {mine.blockedUntil ? (
            <p className="notice notice--warning" data-testid="appt-blocked">
              {a.blocked(mine.blockedUntil)}
            </p>
          ) : (
            <button
              type="button"
              className="btn btn--primary btn--huge"
              data-testid="appt-new"
              onClick={() => dispatch({ type: 'newBooking' })}
            >
              {a.newBooking}
            </button>
          )}
        </div>
      );
    }
    case 'chooseCategory':
      return (
        <div className="appt">
          <p className="appt__prompt">{a.chooseCategory}</p>
          <ul className="appt__choices">
            {state.categories.map((c) => (
              <li key={c.code}>
                <button
                  type="button"
                  className="appt-choice"
                  data-testid={`appt-category-${c.code}`}
                  onClick={() => openSlots(c.code, null)}
                >
                  <span className="appt-choice__name">{c.name}</span>
                  {c.description && <span className="appt-choice__description">{c.description}</span>}
                </button>
              </li>
            ))}
          </ul>
          <div className="appt__actions">{backHome}</div>
        </div>
      );
    case 'chooseSlot': {
      const day = step.slots.days[step.dayIndex];
      return (
        <div className="appt">
          <p className="appt__prompt">{a.chooseSlot(step.slots.categoryName)}</p>
          {step.slots.days.length === 0 ? (
            <p className="appt__sentence" data-testid="appt-no-slots">
              {a.noSlots}
            </p>
          ) : (
            <>
              <div className="appt-days" role="tablist">
                {step.slots.days.map((d, i) => (
                  <button
                    key={d.day}
                    type="button"
                    role="tab"
                    aria-selected={i === step.dayIndex}
                    className="appt-day"
                    data-testid={`appt-day-${d.day}`}
                    onClick={() => dispatch({ type: 'pickDay', dayIndex: i })}
                  >
                    {dayLabel(a, d.day)}
                  </button>
                ))}
              </div>
              <ul className="appt-slots">
                {day?.slots.map((s) => (
                  <li key={`${s.ruleId}@${s.startsAt}`}>
                    <button
                      type="button"
                      className="appt-slot"
                      data-testid={`appt-slot-${s.label}`}
                      disabled={s.free === 0}
                      onClick={() => dispatch({ type: 'pickSlot', slot: s })}
                    >
                      <span className="appt-slot__time">{s.label}</span>
                      <span className="appt-slot__free">{a.free(s.free)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="appt__actions">{backHome}</div>
        </div>
      );
    }
    case 'confirm': {
      const end = clock(zone, step.slot.endsAt);
      const day = hallDate(zone, new Date(step.slot.startsAt));
      return (
        <div className="appt-card" data-testid="appt-confirm">
          <h2 className="appt__heading">{a.confirmHeading}</h2>
          <p className="appt-card__when">
            {dayLabel(a, day)} {step.slot.label}-{end}
          </p>
          <p className="appt-card__what">{step.slots.categoryName}</p>
          <p className="appt__sentence">{a.windowGroup(step.slots.windowGroup)}</p>
          <div className="appt__actions">
            <button
              type="button"
              className="btn btn--primary btn--huge"
              data-testid="appt-confirm-button"
              onClick={() => book(step.slot, step.moving)}
            >
              {step.moving ? a.confirmMove : a.confirm}
            </button>
            {backHome}
          </div>
        </div>
      );
    }
    case 'confirmCancel':
      return (
        <div className="appt-card" data-testid="appt-confirm-cancel">
          <h2 className="appt__heading">{a.confirmCancel}</h2>
          <p className="appt-card__when">{when(a, step.appointment)}</p>
          <p className="appt-card__what">{step.appointment.categoryName}</p>
          <div className="appt__actions">
            <button
              type="button"
              className="btn btn--primary btn--huge"
              data-testid="appt-yes-cancel"
              onClick={() => cancel(step.appointment)}
            >
              {a.yesCancel}
            </button>
            <button type="button" className="btn btn--secondary btn--large" onClick={() => dispatch({ type: 'back' })}>
              {a.noKeep}
            </button>
          </div>
        </div>
      );
    case 'booked':
      return (
        <div className="appt-card appt-card--ok" data-testid="appt-booked">
          <h2 className="appt__heading">{step.moved ? a.moved : a.booked}</h2>
          <p className="appt-card__when" data-testid="appt-when">
            {when(a, step.appointment)}
          </p>
          <p className="appt-card__what">
            {step.appointment.categoryName} · {step.appointment.windowGroup}
          </p>
          <p className="appt__sentence appt__sentence--strong">
            {a.checkInWindow(clock(zone, step.appointment.checkInFrom), clock(zone, step.appointment.checkInUntil))}
          </p>
          <div className="appt__actions">{doneButton}</div>
        </div>
      );
    case 'cancelled':
      return (
        <div className="appt-card" data-testid="appt-cancelled">
          <h2 className="appt__heading">{a.cancelled}</h2>
          <p className="appt-card__when">{when(a, step.appointment)}</p>
          <div className="appt__actions">{doneButton}</div>
        </div>
      );
    case 'checkedIn': {
      const r = step.result.result;
      if (r.outcome === 'ticket') {
        return (
          <div className="appt-ticket" data-testid="appt-ticket">
            <div className="appt-ticket__card">
              <h2 className="appt__heading">{a.ticketHeading}</h2>
              <p className="appt-ticket__label">{a.yourNumber}</p>
              <p className="appt-ticket__number" data-testid="appt-ticket-number">
                {r.ticket.number}
              </p>
              <p className="appt-card__what">{r.ticket.categoryName}</p>
              <p className="appt-ticket__ahead">{a.ahead(r.ticket.peopleAhead)}</p>
            </div>
            <div className="appt-ticket__next">
              {step.result.print && !step.result.print.printed && (
                <p className="notice notice--warning" data-testid="appt-not-printed">
                  {a.notPrinted}
                </p>
              )}
              <p className="appt__sentence">{a.priorityNote}</p>
              {doneButton}
            </div>
          </div>
        );
      }
      const [heading, sentence] =
        r.outcome === 'early'
          ? [a.earlyHeading, a.early(clock(zone, r.appointment.checkInFrom))]
          : r.outcome === 'late'
            ? [a.lateHeading, a.late(`${dayLabel(a, r.appointment.day)} ${r.appointment.label}`)]
            : [a.noneHeading, a.noneToday];
      return (
        <div className="appt-card appt-card--warn" data-testid={`appt-${r.outcome}`}>
          <h2 className="appt__heading">{heading}</h2>
          <p className="appt__sentence appt__sentence--strong">{sentence}</p>
          <div className="appt__actions">
            {doneButton}
            {backHome}
          </div>
        </div>
      );
    }
  }
}
