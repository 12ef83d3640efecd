/**
 * A plain developer page over the SimulatorApi: insert a demo ID card, take it out, unplug and
 * replug the reader, and watch the simulator's state and device health live. Demo cards are
 * synthetic, so their ID numbers are shown in full here (never on the kiosk screen).
 */
import { useCallback, useEffect, useState } from 'react';
import type { DemoCard, SimulatorApi, SimulatorState } from '../../contracts';

function describe(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'internal';
  const message = error instanceof Error ? error.message : '';
  return message && message !== code ? `${code}: ${message}` : code;
}

export function SimulatorPage({ sim }: { sim: SimulatorApi }) {
  const [cards, setCards] = useState<DemoCard[] | null>(null);
  const [state, setState] = useState<SimulatorState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const off = sim.on('stateChanged', setState);
    sim.listDemoCards({}).then(setCards, (e: unknown) => setProblem(`listDemoCards — ${describe(e)}`));
    sim.getState({}).then(setState, (e: unknown) => setProblem(`getState — ${describe(e)}`));
    return off;
  }, [sim]);

  const run = useCallback((what: string, action: () => Promise<SimulatorState>) => {
    setProblem(null);
    action().then(setState, (e: unknown) => setProblem(`${what} — ${describe(e)}`));
  }, []);

  const readerUnplugged = state?.unplugged.includes('idCardReader') ?? false;
  const cardInField = state?.idCardInField ?? null;
  const nameInField = cards?.find((c) => c.card.idNumber === cardInField)?.card.name;

  return (
    <>
      <header className="sim-header">
        <h1>设备模拟器 / Device simulator</h1>
        <p>演示数据均为虚构 / All demo data is synthetic</p>
      </header>
      <main className="sim-main">
        {problem && (
          <p className="sim-problem" role="alert">
            操作失败 / Failed: {problem}
          </p>
        )}

        <section className="sim-section sim-section--reader" aria-labelledby="reader-heading">
          <h2 id="reader-heading">身份证读卡器 / ID card reader</h2>
          <p className="sim-line">
            读卡区 / In the reader:{' '}
            <strong>{cardInField ? `${nameInField ?? ''} ${cardInField}`.trim() : '无 / none'}</strong>
          </p>
          <p className="sim-line">
            连接 / Connection: <strong>{readerUnplugged ? '已拔出 / unplugged' : '已连接 / plugged in'}</strong>
          </p>
          <div className="sim-actions">
            <button
              type="button"
              data-testid="sim-remove-card"
              disabled={!cardInField}
              onClick={() => run('removeIdCard', () => sim.removeIdCard({}))}
            >
              取出身份证 / Remove card
            </button>
            <button
              type="button"
              data-testid="sim-unplug-idCardReader"
              disabled={readerUnplugged}
              onClick={() => run('unplug', () => sim.unplug({ device: 'idCardReader' }))}
            >
              拔出读卡器 / Unplug reader
            </button>
            <button
              type="button"
              data-testid="sim-replug-idCardReader"
              disabled={!readerUnplugged}
              onClick={() => run('replug', () => sim.replug({ device: 'idCardReader' }))}
            >
              插回读卡器 / Replug reader
            </button>
          </div>
        </section>

        <section className="sim-section sim-section--cards" aria-labelledby="cards-heading">
          <h2 id="cards-heading">演示身份证 / Demo ID cards</h2>
          {cards === null ? (
            <p>加载中 / Loading…</p>
          ) : (
            <div className="sim-table-wrap">
              <table className="sim-table">
                <thead>
                  <tr>
                    <th scope="col">姓名 / Name · 角色 / Role</th>
                    <th scope="col">公民身份号码 / ID number</th>
                    <th scope="col">操作 / Action</th>
                  </tr>
                </thead>
                <tbody>
                  {cards.map(({ role, card }) => (
                    <tr key={card.idNumber} className={card.idNumber === cardInField ? 'is-in-field' : undefined}>
                      <td>
                        <span className="sim-name">{card.name}</span>
                        <span className="sim-role">{role}</span>
                      </td>
                      <td className="mono">{card.idNumber}</td>
                      <td>
                        <button
                          type="button"
                          data-testid={`sim-insert-${card.idNumber}`}
                          onClick={() => run('insertIdCard', () => sim.insertIdCard({ idNumber: card.idNumber }))}
                        >
                          插入身份证 / Insert ID card
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="sim-section sim-section--health" aria-labelledby="health-heading">
          <h2 id="health-heading">设备状态 / Device health</h2>
          {state && state.devices.length > 0 ? (
            <ul className="sim-devices">
              {state.devices.map((d) => (
                <li
                  key={d.device}
                  className={`sim-device sim-device--${d.state}`}
                  data-testid={`sim-device-${d.device}`}
                >
                  <span className="mono">{d.device}</span> <strong>{d.state}</strong>
                  {d.reason && <span className="sim-reason"> — {d.reason}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p>无 / none</p>
          )}
        </section>

        <section className="sim-section sim-section--state" aria-labelledby="state-heading">
          <h2 id="state-heading">模拟器状态 / Simulator state</h2>
          <pre className="sim-state" data-testid="sim-state">
            {state ? JSON.stringify(state, null, 2) : '—'}
          </pre>
        </section>
      </main>
    </>
  );
}
