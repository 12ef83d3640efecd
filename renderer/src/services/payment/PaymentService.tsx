/**
 * 缴费: the second factor, one thing to pay, the server's total to check, one way to pay (the phone's
 * payment code at the scanner, or the kiosk's QR on the phone), a visible countdown and a cancel that
 * cancels at the server, then the receipt and the offer of the A4 certificate. Every amount shown is
 * the server's (formatted here, never summed).
 */
import { useEffect, useReducer, type ReactNode } from 'react';
import {
  errorCodeOf,
  formatFen,
  type KioskPaymentMethod,
  type PaymentProgress,
  type TerminalStatus,
} from '../../../../contracts';
import { HotlineNotice } from '../../components/HotlineNotice';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import type { Locale } from '../../i18n/locale';
import { Failure, Loading } from '../common/parts';
import { PinStep } from '../pin/PinStep';
import type { ServiceDefinition, ServiceProps } from '../registry';
import { FamilyKeypad } from './FamilyKeypad';
import { initialPaymentState, itemsOf, paymentReducer, secondsLeft } from './machine';
import { OrderLines } from './OrderLines';
import { paymentTexts, type PaymentTexts } from './texts';
import '../common/parts.css';
import './payment.css';

function PaymentService({ kiosk, terminal, now, say, keepAlive, close }: ServiceProps) {
  const { locale } = useI18n();
  const x = paymentTexts[locale];
  const [state, dispatch] = useReducer(paymentReducer, initialPaymentState);
  const { options, order, progress } = state;

  useEffect(
    () => kiosk.on('paymentProgress', (p) => dispatch({ type: 'progress', progress: p, at: Date.now() })),
    [kiosk],
  );

  useEffect(() => {
    if (state.step !== 'loading') return;
    kiosk.getPaymentOptions({}).then(
      (o) => dispatch({ type: 'options', options: o }),
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
  }, [state.step, kiosk]);

  useEffect(() => {
    if (state.step !== 'creating' || !state.requestId) return;
    kiosk.createPaymentOrder({ requestId: state.requestId, items: itemsOf(state) }).then(
      (created) => dispatch({ type: 'created', order: created }),
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
    // Once per tap (requestId): a new render must not create again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.step, state.requestId]);

  const stage = state.step === 'paying' ? (progress?.stage ?? 'paying') : null;
  const total = order ? formatFen(order.amount) : '';

  // The receipt prints by itself once paid.
  useEffect(() => {
    if (stage !== 'paid' || !order || state.receipt) return;
    dispatch({ type: 'receipt', outcome: 'printing' });
    kiosk.printPaymentReceipt({ orderId: order.orderId }).then(
      () => dispatch({ type: 'receipt', outcome: 'printed' }),
      () => dispatch({ type: 'receipt', outcome: 'failed' }),
    );
  }, [stage, order, state.receipt, kiosk]);

  useEffect(() => {
    if (state.step === 'menu') say(x.menuSpeech);
    else if (state.step === 'pension') say(x.gradeSpeech);
    else if (state.step === 'medical') say(x.medicalSpeech);
    else if (state.step === 'family') say(x.familySpeech);
    else if (state.step === 'arrears') say(x.arrearsSpeech);
    else if (state.step === 'confirm' && order) say(x.confirmSpeech(total));
    else if (stage === 'scanCode') say(progress?.reason === 'codeInvalid' ? x.codeInvalid : x.scanSpeech);
    else if (stage === 'showQr') say(x.qrSpeech);
    else if (stage === 'qrRefused') say(x.qrRefusedSpeech);
    else if (stage === 'confirming') say(x.confirmingSpeech);
    else if (stage === 'paid') say(x.paidSpeech(total));
    else if (stage === 'cancelled') say(`${x.cancelledHeading}。${x.cancelledSentence}`);
    else if (stage === 'failed') say(x.failures[progress?.reason ?? 'internal']);
  }, [state.step, stage, progress?.reason, order, total, x, say]);

  // Following the phone is activity: the session must not time out while the person pays.
  const waiting =
    stage === 'scanCode' || stage === 'showQr' || stage === 'qrRefused' || stage === 'confirming' || stage === 'paying';
  const tick = Math.floor(now / 10_000);
  useEffect(() => {
    if (waiting) keepAlive();
  }, [waiting, tick, keepAlive]);

  const pay = (method: KioskPaymentMethod) => {
    if (!order) return;
    dispatch({ type: 'paying' });
    kiosk.startPayment({ orderId: order.orderId, method }).then(
      (p) => dispatch({ type: 'progress', progress: p, at: Date.now() }),
      (e: unknown) => dispatch({ type: 'failed', code: errorCodeOf(e) }),
    );
  };
  const cancel = () => {
    if (!order) return;
    kiosk.cancelPayment({ orderId: order.orderId }).then(
      (p) => dispatch({ type: 'progress', progress: p, at: Date.now() }),
      () => undefined, // the host reports the outcome as progress either way
    );
  };
  const printCertificate = () => {
    if (!order) return;
    dispatch({ type: 'certificate', outcome: 'printing' });
    kiosk.printPaymentCertificate({ orderId: order.orderId }).then(
      (r) => dispatch({ type: 'certificate', outcome: 'printed', verificationCode: r.verificationCode }),
      () => dispatch({ type: 'certificate', outcome: 'failed' }),
    );
  };
  const back = (
    <button
      type="button"
      className="btn btn--secondary"
      data-testid="payment-back"
      onClick={() => dispatch({ type: 'back' })}
    >
      {x.back}
    </button>
  );

  if (state.step === 'pin')
    return (
      <PinStep
        kiosk={kiosk}
        say={say}
        keepAlive={keepAlive}
        onPassed={() => dispatch({ type: 'pinPassed' })}
        onCancel={close}
      />
    );
  if (state.error && state.step !== 'confirm' && state.step !== 'paying')
    return <Failure code={state.error} onRetry={() => dispatch({ type: 'pinPassed' })} />;
  if (state.step === 'loading' || !options) return <Loading />;

  switch (state.step) {
    case 'menu': {
      const { residentPension: rp, residentMedical: rm, arrears } = options;
      const choices: Array<{ kind: 'residentPension' | 'residentMedical' | 'arrears'; title: string; hint: string }> =
        [];
      if (rp) choices.push({ kind: 'residentPension', title: x.pension, hint: x.pensionHint(rp.year, rp.deadline) });
      if (rm)
        choices.push({
          kind: 'residentMedical',
          title: x.medical,
          hint: x.medicalHint(rm.year, formatFen(rm.amountPerPerson)),
        });
      if (arrears.length > 0) choices.push({ kind: 'arrears', title: x.arrears, hint: x.arrearsHint(arrears.length) });
      return (
        <div className="cz-view" data-testid="payment-menu">
          <h2 className="cz-heading">{x.menuHeading}</h2>
          {choices.length === 0 ? (
            <div className="cz-result" data-testid="payment-nothing">
              <p className="cz-sentence">{x.nothing}</p>
              <p className="cz-hint">{x.nothingHint}</p>
              <HotlineNotice />
            </div>
          ) : (
            <div className="cz-menu">
              {choices.map((c) => (
                <button
                  key={c.kind}
                  type="button"
                  className="cz-choice"
                  data-testid={`payment-kind-${c.kind}`}
                  onClick={() => dispatch({ type: 'choose', kind: c.kind })}
                >
                  <span className="cz-choice__title">{c.title}</span>
                  <span className="cz-choice__hint">{c.hint}</span>
                </button>
              ))}
            </div>
          )}
        </div>
      );
    }
    case 'pension': {
      const rp = options.residentPension!;
      return (
        <Chooser
          heading={x.gradeHeading(rp.year)}
          back={back}
          next={x.next}
          ready={state.gradeId !== null}
          testId="payment-pension"
          onNext={() => dispatch({ type: 'confirm', requestId: crypto.randomUUID() })}
        >
          <p className="cz-hint">
            {x.gradeHint} {x.deadline(rp.deadline)}
          </p>
          <div className="pay-grades" role="radiogroup" aria-label={x.gradeHeading(rp.year)}>
            {rp.grades.map((g) => (
              <button
                key={g.gradeId}
                type="button"
                role="radio"
                aria-checked={state.gradeId === g.gradeId}
                className={`pay-grade${state.gradeId === g.gradeId ? ' is-on' : ''}`}
                data-testid={`payment-grade-${g.gradeId}`}
                onClick={() => dispatch({ type: 'grade', gradeId: g.gradeId })}
              >
                <span className="pay-grade__amount">{x.grade(yuan(g.amount))}</span>
                <span className="pay-grade__subsidy">{x.subsidy(yuan(g.subsidy))}</span>
                {rp.lastGradeId === g.gradeId && <span className="pay-grade__last">{x.lastGrade}</span>}
              </button>
            ))}
          </div>
        </Chooser>
      );
    }
    case 'medical': {
      const rm = options.residentMedical!;
      return (
        <Chooser
          heading={x.medicalHeading(rm.year)}
          back={back}
          next={x.next}
          ready={itemsOf(state).length > 0}
          testId="payment-medical"
          onNext={() => dispatch({ type: 'confirm', requestId: crypto.randomUUID() })}
        >
          <p className="cz-hint">
            {x.perPerson(formatFen(rm.amountPerPerson))} · {x.deadline(rm.deadline)}
          </p>
          <div className="pay-people">
            <button
              type="button"
              role="checkbox"
              aria-checked={state.medicalSelf}
              disabled={!rm.selfPayable}
              className={`pay-person${state.medicalSelf ? ' is-on' : ''}`}
              data-testid="payment-medical-self"
              onClick={() => dispatch({ type: 'toggleSelf' })}
            >
              <span className="pay-person__name">{rm.selfPayable ? x.forSelf : x.selfPaid}</span>
            </button>
            {state.family.map((f) => (
              <div key={f.idNumber} className="pay-person is-on" data-testid="payment-family-member">
                <span className="pay-person__name">
                  {f.check.maskedName} <span className="pay-person__id">{f.check.maskedIdNumber}</span>
                </span>
                <button
                  type="button"
                  className="btn btn--secondary"
                  onClick={() => dispatch({ type: 'removeFamily', idNumber: f.idNumber })}
                >
                  {x.remove}
                </button>
              </div>
            ))}
            {state.family.length < rm.maxFamilyMembers && (
              <button
                type="button"
                className="btn btn--secondary btn--large"
                data-testid="payment-add-family"
                onClick={() => dispatch({ type: 'addFamily' })}
              >
                {x.addFamily}
              </button>
            )}
          </div>
        </Chooser>
      );
    }
    case 'family':
      return (
        <FamilyKeypad
          typed={state.typed}
          problem={state.familyProblem ? (x.familyReasons[state.familyProblem] ?? x.familyReasons.notAllowed!) : null}
          x={x}
          dispatch={dispatch}
          onCheck={(idNumber) =>
            kiosk.checkPaymentFamilyMember({ idNumber, year: options.residentMedical!.year }).then(
              (check) =>
                dispatch(
                  check.payable
                    ? { type: 'familyChecked', idNumber, check }
                    : { type: 'familyRefused', problem: check.reason ?? 'notAllowed' },
                ),
              (e: unknown) => {
                const code = errorCodeOf(e);
                dispatch({ type: 'familyRefused', problem: code === 'invalidRequest' ? 'badNumber' : code });
              },
            )
          }
        />
      );
    case 'arrears':
      return (
        <Chooser
          heading={x.arrearsHeading}
          back={back}
          next={x.next}
          ready={state.arrearsIds.length > 0}
          testId="payment-arrears"
          onNext={() => dispatch({ type: 'confirm', requestId: crypto.randomUUID() })}
        >
          <div className="pay-people">
            {options.arrears.map((a) => {
              const on = state.arrearsIds.includes(a.arrearsId);
              return (
                <button
                  key={a.arrearsId}
                  type="button"
                  role="checkbox"
                  aria-checked={on}
                  className={`pay-person pay-person--line${on ? ' is-on' : ''}`}
                  data-testid={`payment-arrears-${a.arrearsId}`}
                  onClick={() => dispatch({ type: 'toggleArrears', arrearsId: a.arrearsId })}
                >
                  <span className="pay-person__name">
                    {x.arrearsLine(x.types[a.insuranceType] ?? a.insuranceType, period(a.from), period(a.to), a.months)}
                  </span>
                  <span className="pay-person__amount">{x.yuan(formatFen(a.amount))}</span>
                  <span className="cz-hint">{x.payableUntil(a.payableUntil)}</span>
                </button>
              );
            })}
          </div>
        </Chooser>
      );
    case 'creating':
      return (
        <div className="cz-progress" role="status" data-testid="payment-creating">
          <p className="cz-sentence">{x.creating}</p>
          <span className="spinner" aria-hidden="true" />
        </div>
      );
    case 'confirm':
      if (!order)
        return (
          <div className="cz-view">
            <div className="cz-view__bar">{back}</div>
            <Failure
              code={state.error ?? 'internal'}
              onRetry={() => dispatch({ type: 'confirm', requestId: state.requestId ?? crypto.randomUUID() })}
            />
          </div>
        );
      return (
        <div className="cz-view pay-confirm" data-testid="payment-confirm">
          <div className="cz-view__bar">
            {back}
            <h2 className="cz-heading">{x.confirmHeading}</h2>
          </div>
          <div className="pay-confirm__body">
            <OrderLines order={order} x={x} />
            <div className="pay-confirm__ways">
              <button
                type="button"
                className="cz-choice"
                data-testid="payment-method-micropay"
                disabled={scannerDown(terminal)}
                onClick={() => pay('micropay')}
              >
                <span className="cz-choice__title">{x.payCode}</span>
                <span className="cz-choice__hint">{scannerDown(terminal) ? x.scannerDown : x.payCodeHint}</span>
              </button>
              <button
                type="button"
                className="cz-choice"
                data-testid="payment-method-native"
                onClick={() => pay('native')}
              >
                <span className="cz-choice__title">{x.payQr}</span>
                <span className="cz-choice__hint">{x.payQrHint}</span>
              </button>
            </div>
          </div>
        </div>
      );
    case 'paying':
      return (
        <Paying
          x={x}
          stage={stage!}
          total={total}
          seconds={secondsLeft(state, now)}
          progress={progress}
          error={state.error}
          orderNo={order?.orderNo ?? ''}
          receipt={state.receipt}
          certificate={state.certificate}
          verificationCode={state.verificationCode}
          scannerDown={scannerDown(terminal)}
          onPay={pay}
          onCancel={cancel}
          onCertificate={printCertificate}
          onAgain={() => dispatch({ type: 'again', requestId: crypto.randomUUID() })}
          onMore={() => dispatch({ type: 'back' })}
        />
      );
  }
}

/** The server's fen as yuan, without `.00` for whole yuan (grades read better as 1,000 元). */
function yuan(fen: number): string {
  const text = formatFen(fen);
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

/** `202401` as `2024.01`: short enough for one line. */
function period(p: string): string {
  return `${p.slice(0, 4)}.${p.slice(4)}`;
}

/** A choosing screen: heading with the way back, the choices, and "next" at the foot. */
function Chooser({
  heading,
  back,
  next,
  ready,
  testId,
  onNext,
  children,
}: {
  heading: string;
  back: ReactNode;
  next: string;
  ready: boolean;
  testId: string;
  onNext(): void;
  children: ReactNode;
}) {
  return (
    <div className="cz-view pay-chooser" data-testid={testId}>
      <div className="cz-view__bar">
        {back}
        <h2 className="cz-heading">{heading}</h2>
        <button
          type="button"
          className="btn btn--primary pay-next"
          data-testid="payment-next"
          disabled={!ready}
          onClick={onNext}
        >
          {next}
        </button>
      </div>
      {children}
    </div>
  );
}

type PayingProps = {
  x: PaymentTexts;
  stage: PaymentProgress['stage'];
  total: string;
  seconds: number | null;
  progress: PaymentProgress | null;
  error: string | null;
  orderNo: string;
  receipt: 'printing' | 'printed' | 'failed' | null;
  certificate: 'printing' | 'printed' | 'failed' | null;
  verificationCode: string | null;
  /** The QR scanner cannot take a payment code now. */
  scannerDown: boolean;
  /** Pays the same order another way (after a refused QR). */
  onPay(method: KioskPaymentMethod): void;
  onCancel(): void;
  onCertificate(): void;
  onAgain(): void;
  onMore(): void;
};

/** Paying and its outcome: one big instruction, the amount, the countdown, and cancel. */
function Paying(p: PayingProps) {
  const { x } = p;
  const countdown =
    p.seconds !== null ? (
      <p className="pay-countdown" data-testid="payment-countdown" aria-live="off">
        {x.secondsLeft(p.seconds)}
      </p>
    ) : null;
  const cancel = (
    <button type="button" className="btn btn--secondary btn--large" data-testid="payment-cancel" onClick={p.onCancel}>
      {x.cancel}
    </button>
  );
  if (p.error && !p.progress)
    return (
      <div className="cz-result" data-testid="payment-failed" role="alert">
        <h2 className="cz-heading cz-heading--bad">{x.failedHeading}</h2>
        <p className="cz-sentence">{x.failures.internal}</p>
        <HotlineNotice />
        <div className="cz-actions">
          <button type="button" className="btn btn--primary btn--large" data-testid="payment-again" onClick={p.onAgain}>
            {x.tryAgain}
          </button>
          <button type="button" className="btn btn--secondary btn--large" onClick={p.onMore}>
            {x.back}
          </button>
        </div>
      </div>
    );
  switch (p.stage) {
    case 'scanCode':
      return (
        <div className="pay-wait" data-testid="payment-scan">
          <div className="pay-wait__text">
            <h2 className="cz-heading">{x.scanHeading}</h2>
            <p className="pay-amount">{x.amountDue(p.total)}</p>
            {p.progress?.reason === 'codeInvalid' ? (
              <p className="cz-sentence pay-warn" role="alert" data-testid="payment-code-invalid">
                {x.codeInvalid}
              </p>
            ) : (
              <p className="cz-sentence">{x.payCodeHint}</p>
            )}
            <p className="pay-down" aria-hidden="true">
              ↓ {x.scanWhere} ↓
            </p>
          </div>
          <div className="pay-wait__side">
            {countdown}
            {cancel}
          </div>
        </div>
      );
    case 'showQr':
      return (
        <div className="pay-wait pay-wait--qr" data-testid="payment-qr">
          <div className="pay-qr">
            <QrCode text={p.progress?.qrUrl ?? ''} label={x.qrLabel} testId="payment-qr-code" />
          </div>
          <div className="pay-wait__text">
            <h2 className="cz-heading">{x.qrHeading}</h2>
            <p className="pay-amount">{x.amountDue(p.total)}</p>
            <p className="cz-sentence">{x.payQrHint}</p>
            {countdown}
            {cancel}
          </div>
        </div>
      );
    case 'qrRefused':
      // Nothing was charged and the order is still open: the other way, another QR, or cancel; 12333.
      return (
        <div className="pay-wait pay-refused" data-testid="payment-qr-refused" role="alert">
          <div className="pay-wait__text">
            <h2 className="cz-heading cz-heading--bad">{x.qrRefusedHeading}</h2>
            <p className="cz-sentence" data-testid="payment-reason">
              {x.qrRefusedSentence}
            </p>
            <p className="pay-amount">{x.amountDue(p.total)}</p>
            {p.scannerDown && <p className="cz-hint">{x.scannerDown}</p>}
            <div className="pay-refused__ways">
              <button
                type="button"
                className="cz-choice"
                data-testid="payment-method-micropay"
                disabled={p.scannerDown}
                onClick={() => p.onPay('micropay')}
              >
                <span className="cz-choice__title">{x.payCode}</span>
              </button>
              <button
                type="button"
                className="cz-choice"
                data-testid="payment-qr-retry"
                onClick={() => p.onPay('native')}
              >
                <span className="cz-choice__title">{x.qrRetry}</span>
              </button>
            </div>
            <HotlineNotice />
          </div>
          <div className="pay-wait__side">
            {countdown}
            {cancel}
          </div>
        </div>
      );
    case 'paying':
    case 'confirming':
      return (
        <div className="pay-wait" data-testid={`payment-${p.stage}`} role="status">
          <div className="pay-wait__text">
            <h2 className="cz-heading">{p.stage === 'confirming' ? x.confirming : x.paying}</h2>
            <p className="pay-amount">{x.amountDue(p.total)}</p>
            {p.stage === 'confirming' && <p className="cz-sentence">{x.confirmingHint}</p>}
            <span className="spinner" aria-hidden="true" />
          </div>
          <div className="pay-wait__side">
            {countdown}
            {cancel}
          </div>
        </div>
      );
    case 'paid':
      return (
        <div className="cz-result pay-result" data-testid="payment-paid">
          <h2 className="cz-heading cz-heading--ok">{x.paidHeading}</h2>
          <p className="pay-amount">
            {x.total} {x.yuan(p.total)}
            <span className="cz-hint pay-order-no">
              {' '}
              {x.orderNo}：<span data-testid="payment-order-no">{p.orderNo}</span>
            </span>
          </p>
          <p className="cz-sentence">
            {x.paidSentence}
            <span data-testid="payment-receipt" role="status">
              {p.receipt === 'printing'
                ? x.receiptPrinting
                : p.receipt === 'failed'
                  ? x.receiptFailed
                  : x.receiptPrinted}
            </span>
          </p>
          {p.certificate === 'printed' && p.verificationCode && (
            <p className="cz-sentence" data-testid="payment-certificate-done">
              {x.certificatePrinted(p.verificationCode)}
            </p>
          )}
          {p.certificate === 'failed' && (
            <p className="cz-sentence pay-warn" role="alert">
              {x.certificateFailed}
            </p>
          )}
          <div className="cz-actions">
            {p.certificate !== 'printed' && (
              <button
                type="button"
                className="btn btn--primary btn--large"
                data-testid="payment-certificate"
                disabled={p.certificate === 'printing'}
                onClick={p.onCertificate}
              >
                {p.certificate === 'printing' ? x.certificatePrinting : x.printCertificate}
              </button>
            )}
            <button
              type="button"
              className="btn btn--secondary btn--large"
              data-testid="payment-more"
              onClick={p.onMore}
            >
              {x.payMore}
            </button>
          </div>
        </div>
      );
    case 'cancelled':
    case 'failed': {
      const cancelled = p.stage === 'cancelled';
      return (
        <div className="cz-result pay-result" data-testid={`payment-${p.stage}`} role="alert">
          <h2 className="cz-heading cz-heading--bad">{cancelled ? x.cancelledHeading : x.failedHeading}</h2>
          <p className="cz-sentence" data-testid="payment-reason">
            {cancelled ? x.cancelledSentence : x.failures[p.progress?.reason ?? 'internal']}
          </p>
          {!cancelled && <HotlineNotice />}
          <div className="cz-actions">
            {p.progress?.reason !== 'sessionEnded' && (
              <button
                type="button"
                className="btn btn--primary btn--large"
                data-testid="payment-again"
                onClick={p.onAgain}
              >
                {x.tryAgain}
              </button>
            )}
            <button
              type="button"
              className="btn btn--secondary btn--large"
              data-testid="payment-more"
              onClick={p.onMore}
            >
              {x.back}
            </button>
          </div>
        </div>
      );
    }
  }
}

/** Money needs the hall server: without it the tile says so plainly. */
function paymentUnavailable(terminal: TerminalStatus | null, locale: Locale): string | null {
  return terminal && !terminal.serverReachable ? paymentTexts[locale].unavailable : null;
}

/** True when the QR scanner cannot take a payment code now (paying by the kiosk's QR still works). */
function scannerDown(terminal: TerminalStatus | null): boolean {
  const scanner = terminal?.devices.find((d) => d.device === 'qrScanner');
  return !scanner || scanner.state === 'failed' || (terminal?.notInstalled ?? []).includes('qrScanner');
}

export const paymentService: ServiceDefinition = {
  id: 'payment',
  needsSession: true,
  order: 25,
  title: { 'zh-CN': paymentTexts['zh-CN'].title, en: paymentTexts.en.title },
  hint: { 'zh-CN': paymentTexts['zh-CN'].hint, en: paymentTexts.en.hint },
  unavailable: paymentUnavailable,
  Component: PaymentService,
};
