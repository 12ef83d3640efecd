/** Maintenance mode: staff id and PIN on a keypad, then device status and the staff's actions. */
import { useCallback, useEffect, useReducer, useState } from 'react';
import {
  type DeviceHealth,
  type KioskApi,
  type MaintenanceStaff,
  type MaintenanceStatus,
  errorCodeOf,
} from '../../../contracts';
import { useI18n } from '../i18n';
import { useHallTimeZone } from '../i18n/hall-time-zone';
import { initialMaintenanceStep, maintenanceReducer } from './machine';
import { maintenanceTexts } from './texts';
import './maintenance.css';

export interface MaintenanceScreenProps {
  kiosk: KioskApi;
  /** Back to the citizen screens. */
  onExit(): void;
}

const ID_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'S', '0'];
const PIN_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export function MaintenanceScreen({ kiosk, onExit }: MaintenanceScreenProps) {
  const { locale } = useI18n();
  const m = maintenanceTexts[locale];
  const [step, dispatch] = useReducer(maintenanceReducer, initialMaintenanceStep);

  const checking = step.name === 'checking' ? step : null;
  useEffect(() => {
    if (!checking) return;
    kiosk
      .staffSignIn({ staffId: checking.staffId, pin: checking.pin })
      .then((staff) => dispatch({ type: 'signedIn', staff }))
      .catch((e: unknown) => dispatch({ type: 'signInFailed', code: errorCodeOf(e) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kiosk, checking?.pin, checking?.staffId]);

  const lapsed = useCallback(() => dispatch({ type: 'signedOut' }), []);
  const exit = useCallback(() => {
    kiosk.staffSignOut({}).catch(() => undefined);
    onExit();
  }, [kiosk, onExit]);

  return (
    <main className="screen maintenance" data-testid="screen-maintenance">
      <div className="maintenance__bar">
        <h1 className="maintenance__title">{m.title}</h1>
        <button type="button" className="btn btn--secondary btn--large" data-testid="maintenance-exit" onClick={exit}>
          {m.exit}
        </button>
      </div>
      {step.name === 'panel' ? (
        <MaintenancePanel kiosk={kiosk} staff={step.staff} onLapsed={lapsed} />
      ) : (
        <div className="maintenance__signin" data-testid="maintenance-signin">
          <div className="maintenance__signin-text">
            <p className="maintenance__note">{m.staffOnly}</p>
            <h2 className="maintenance__prompt">{step.name === 'staffId' ? m.staffIdPrompt : m.pinPrompt}</h2>
            <p className="maintenance__entry" data-testid="maintenance-entry" aria-live="polite">
              {step.name === 'staffId' ? step.staffId || '\u00a0' : '●'.repeat(step.pin.length) || '\u00a0'}
            </p>
            {step.name === 'staffId' && step.problem && (
              <p
                className="maintenance__problem"
                role="alert"
                data-testid="maintenance-problem"
                data-problem={step.problem}
              >
                {m.problems[step.problem]}
              </p>
            )}
          </div>
          {step.name === 'checking' ? (
            <p className="maintenance__prompt">{m.checking}</p>
          ) : (
            <div className="keypad">
              {(step.name === 'staffId' ? ID_KEYS : PIN_KEYS).map((k) => (
                <button
                  key={k}
                  type="button"
                  className="keypad__key"
                  data-testid={`key-${k}`}
                  onClick={() => dispatch({ type: 'key', key: k })}
                >
                  {k}
                </button>
              ))}
              <button
                type="button"
                className="keypad__key keypad__key--wide"
                data-testid="key-back"
                onClick={() => dispatch({ type: 'backspace' })}
              >
                {m.backspace}
              </button>
              <button
                type="button"
                className="keypad__key keypad__key--go"
                data-testid="key-next"
                onClick={() => dispatch({ type: 'next' })}
              >
                {step.name === 'staffId' ? m.next : m.signIn}
              </button>
            </div>
          )}
        </div>
      )}
    </main>
  );
}

function MaintenancePanel({ kiosk, staff, onLapsed }: { kiosk: KioskApi; staff: MaintenanceStaff; onLapsed(): void }) {
  const { locale } = useI18n();
  const m = maintenanceTexts[locale];
  const hallTimeZone = useHallTimeZone();
  const [status, setStatus] = useState<MaintenanceStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmRestart, setConfirmRestart] = useState(false);

  const refresh = useCallback(
    () =>
      kiosk.maintenanceStatus({}).then(setStatus, (e: unknown) => {
        if (errorCodeOf(e) === 'forbidden') onLapsed();
      }),
    [kiosk, onLapsed],
  );

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5_000);
    return () => clearInterval(timer);
  }, [refresh]);

  /** Runs one staff action, one at a time, and says what came of it. */
  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      setNotice(await action());
    } catch (e) {
      if (errorCodeOf(e) === 'forbidden') return onLapsed();
      setNotice(m.results.failed);
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  const nameOf = (d: DeviceHealth['device']) => m.deviceNames[d] ?? d;

  return (
    <div className="maintenance__panel" data-testid="maintenance-panel">
      <p className="maintenance__who">{m.signedInAs(staff.name)}</p>
      {notice && (
        <p className="maintenance__notice" role="status" data-testid="maintenance-notice">
          {notice}
        </p>
      )}
      <div className="maintenance__columns">
        <section>
          <h2 className="maintenance__section">{m.devices}</h2>
          <ul className="maintenance__devices">
            {(status?.devices ?? []).map((d) => (
              <li
                key={d.device}
                className="maintenance__device"
                data-testid={`device-${d.device}`}
                data-state={d.state}
              >
                <span className="maintenance__device-name">{nameOf(d.device)}</span>
                <span className={`maintenance__state maintenance__state--${d.state}`}>
                  {m.states[d.state]}
                  {d.reason ? ` (${d.reason})` : ''}
                </span>
                <button
                  type="button"
                  className="btn btn--secondary"
                  disabled={busy}
                  data-testid={`reconnect-${d.device}`}
                  onClick={() =>
                    void run(async () => {
                      const h = await kiosk.reconnectDevice({ device: d.device });
                      return m.results.reconnected(nameOf(h.device), m.states[h.state] ?? h.state);
                    })
                  }
                >
                  {m.reconnect}
                </button>
              </li>
            ))}
          </ul>
          {status && (
            <p className="maintenance__meta">
              {m.server(status.serverReachable)} · {status.terminalId} · {m.version(status.appVersion, status.uptimeS)}
            </p>
          )}
        </section>
        <section className="maintenance__actions">
          <p className="maintenance__service" data-testid="maintenance-service" data-in-service={status?.inService}>
            {status ? (status.inService ? m.inService : m.outOfService) : '\u00a0'}
          </p>
          <button
            type="button"
            className="btn btn--primary btn--large"
            disabled={busy}
            data-testid="maintenance-test-print"
            onClick={() =>
              void run(async () => {
                const r = await kiosk.testPrint({});
                return r.printed ? m.results.printed : m.results.notPrinted(r.reason);
              })
            }
          >
            {m.testPrint}
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--large"
            disabled={busy || !status}
            data-testid="maintenance-toggle-service"
            onClick={() =>
              void run(async () => {
                const r = await kiosk.setOutOfService({ inService: !status!.inService });
                return r.inService ? m.inService : m.outOfService;
              })
            }
          >
            {status?.inService === false ? m.openTerminal : m.closeTerminal}
          </button>
          {confirmRestart ? (
            <div className="maintenance__confirm">
              <p>{m.restartConfirm}</p>
              <button
                type="button"
                className="btn btn--primary btn--large"
                data-testid="maintenance-restart-yes"
                onClick={() =>
                  void run(async () => {
                    await kiosk.restartApp({});
                    return m.results.restarting;
                  })
                }
              >
                {m.restartYes}
              </button>
              <button type="button" className="btn btn--secondary btn--large" onClick={() => setConfirmRestart(false)}>
                {m.cancel}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="btn btn--secondary btn--large"
              disabled={busy}
              data-testid="maintenance-restart"
              onClick={() => setConfirmRestart(true)}
            >
              {m.restart}
            </button>
          )}
          <h2 className="maintenance__section">{m.recentErrors}</h2>
          <ul className="maintenance__errors" data-testid="maintenance-errors">
            {(status?.recentErrors ?? []).slice(0, 4).map((e) => (
              <li key={`${e.at}-${e.code}`}>
                <span>{new Date(e.at).toLocaleTimeString(locale, { hour12: false, timeZone: hallTimeZone })}</span>{' '}
                <code>{e.code}</code>
              </li>
            ))}
            {status && status.recentErrors.length === 0 && <li>{m.noErrors}</li>}
          </ul>
        </section>
      </div>
    </div>
  );
}
