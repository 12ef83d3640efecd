/**
 * A plain developer page over the SimulatorApi: insert a demo ID card or social security card,
 * scan a code, pull the paper, open the cover, unplug and replug any device, see the printed
 * receipts and A4 documents, and watch the simulator's state and device health live. Demo cards
 * are synthetic, so their ID numbers are shown in full here (never on the kiosk screen).
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  A4Document,
  DemoCard,
  PaperState,
  PrintedReceipt,
  SimulatedDevice,
  SimulatorApi,
  SimulatorCodeOutcome,
  SimulatorState,
} from '../../contracts';
import { PlugButtons, svgDataUrl } from './controls';
import { FaceEnrol } from './FaceEnrol';

/** What the simulated phone can do with a payment code (its last digits tell the simulated channel). */
const phoneCodes: Array<[SimulatorCodeOutcome, string]> = [
  ['success', '付款成功 / Paid at once'],
  ['password', '输密码后成功 / Password, then paid'],
  ['passwordCancelled', '输密码时取消 / Cancelled on the phone'],
  ['passwordTimeout', '不输密码 / Never confirms'],
  ['declined', '余额不足 / Declined'],
  ['codeInvalid', '付款码失效 / Expired code'],
  ['noAnswer', '通道无应答 / Channel silent'],
];
const phoneQr: Array<['pay' | 'decline' | 'cancel', string]> = [
  ['pay', '扫码并付款 / Scan and pay'],
  ['decline', '扫码后被拒 / Scan, declined'],
  ['cancel', '扫码后取消 / Scan, cancel'],
];

function describe(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'internal';
  const message = error instanceof Error ? error.message : '';
  return message && message !== code ? `${code}: ${message}` : code;
}

export function SimulatorPage({ sim }: { sim: SimulatorApi }) {
  const [cards, setCards] = useState<DemoCard[] | null>(null);
  const [state, setState] = useState<SimulatorState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [qrText, setQrText] = useState('https://si.example/e-card?token=DEMO-0001');
  const [receipts, setReceipts] = useState<PrintedReceipt[]>([]);
  const [documents, setDocuments] = useState<A4Document[]>([]);

  useEffect(() => {
    const off = sim.on('stateChanged', setState);
    sim.listDemoCards({}).then(setCards, (e: unknown) => setProblem(`listDemoCards — ${describe(e)}`));
    sim.getState({}).then(setState, (e: unknown) => setProblem(`getState — ${describe(e)}`));
    return off;
  }, [sim]);

  const printedReceipts = state?.printedReceipts ?? 0;
  const a4Pages = state?.a4Pages ?? 0;
  useEffect(() => {
    sim.listPrintedReceipts({}).then(setReceipts, (e: unknown) => setProblem(`listPrintedReceipts — ${describe(e)}`));
    sim.listA4Documents({}).then(setDocuments, (e: unknown) => setProblem(`listA4Documents — ${describe(e)}`));
  }, [sim, printedReceipts, a4Pages]);

  const run = useCallback((what: string, action: () => Promise<SimulatorState>) => {
    setProblem(null);
    action().then(setState, (e: unknown) => setProblem(`${what} — ${describe(e)}`));
  }, []);

  const readerUnplugged = state?.unplugged.includes('idCardReader') ?? false;
  const cardInField = state?.idCardInField ?? null;
  const nameInField = cards?.find((c) => c.card.idNumber === cardInField)?.card.name;
  const ssInReader = state?.ssCardInReader ?? null;
  const unplugged = (device: SimulatedDevice) => state?.unplugged.includes(device) ?? false;
  const plug = (device: SimulatedDevice, unplug: boolean) =>
    run(unplug ? 'unplug' : 'replug', () => (unplug ? sim.unplug({ device }) : sim.replug({ device })));
  const paper = state?.paper ?? 'ok';
  const paperStates: Array<[PaperState, string]> = [
    ['ok', '装纸 / Paper OK'],
    ['nearEnd', '纸将尽 / Near end'],
    ['out', '缺纸 / Paper out'],
  ];

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
                        </button>{' '}
                        <button
                          type="button"
                          data-testid={`sim-insert-ss-${card.idNumber}`}
                          onClick={() => run('insertSsCard', () => sim.insertSsCard({ idNumber: card.idNumber }))}
                        >
                          插入社保卡 / Insert SS card
                        </button>{' '}
                        <button
                          type="button"
                          data-testid={`sim-ecard-${card.idNumber}`}
                          onClick={() =>
                            run('scanECard', () => sim.scanECard({ idNumber: card.idNumber, variant: 'valid' }))
                          }
                        >
                          扫电子社保卡 / Scan e-card
                        </button>{' '}
                        <button
                          type="button"
                          data-testid={`sim-ecard-expired-${card.idNumber}`}
                          onClick={() =>
                            run('scanECard', () => sim.scanECard({ idNumber: card.idNumber, variant: 'expired' }))
                          }
                        >
                          扫过期码 / expired
                        </button>{' '}
                        <button
                          type="button"
                          data-testid={`sim-ecard-forged-${card.idNumber}`}
                          onClick={() =>
                            run('scanECard', () => sim.scanECard({ idNumber: card.idNumber, variant: 'forged' }))
                          }
                        >
                          扫伪造码 / forged
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="sim-section" aria-labelledby="ss-heading">
          <h2 id="ss-heading">社保卡读卡器 / Social security card reader</h2>
          <p className="sim-line">
            卡槽 / In the slot: <strong>{ssInReader ?? '无 / none'}</strong>
          </p>
          {ssInReader && (
            <p className="sim-line" data-testid="sim-ss-pin">
              密码 / PIN: <strong data-testid="sim-ss-pin-value">{state?.ssCardPin}</strong>
              {' · '}剩余次数 / Tries left: <strong data-testid="sim-ss-tries">{state?.ssCardTriesLeft}</strong>
              {state?.ssCardTriesLeft === 0 && <strong> · 已锁卡 / Locked</strong>}
              {state?.ssCardWrongNext && <strong> · 下一次输入视为错误 / next PIN counts as wrong</strong>}
            </p>
          )}
          <div className="sim-actions">
            <button
              type="button"
              data-testid="sim-remove-ss-card"
              disabled={!ssInReader}
              onClick={() => run('removeSsCard', () => sim.removeSsCard({}))}
            >
              取出社保卡 / Remove SS card
            </button>
            <button
              type="button"
              data-testid="sim-fail-next-pin"
              disabled={!ssInReader || state?.ssCardTriesLeft === 0}
              onClick={() => run('failNextPin', () => sim.failNextPin({}))}
            >
              下一次输入视为错误 / Next PIN is wrong
            </button>
            <button
              type="button"
              data-testid="sim-lock-ss-card"
              disabled={!ssInReader || state?.ssCardTriesLeft === 0}
              onClick={() => run('lockSsCard', () => sim.lockSsCard({}))}
            >
              锁卡 / Lock the PIN
            </button>
            <PlugButtons device="ssCardReader" unplugged={unplugged('ssCardReader')} onPlug={plug} />
          </div>
        </section>

        <section className="sim-section" aria-labelledby="qr-heading">
          <h2 id="qr-heading">扫码器 / QR scanner</h2>
          <div className="sim-actions">
            <label className="sim-field">
              扫描内容 / Code text{' '}
              <input
                type="text"
                data-testid="sim-qr-text"
                value={qrText}
                maxLength={2048}
                onChange={(e) => setQrText(e.target.value)}
              />
            </label>
            <button
              type="button"
              data-testid="sim-scan-qr"
              disabled={qrText.length === 0}
              onClick={() => run('scanQr', () => sim.scanQr({ text: qrText }))}
            >
              扫码 / Scan
            </button>
            <PlugButtons device="qrScanner" unplugged={unplugged('qrScanner')} onPlug={plug} />
          </div>
        </section>

        <section className="sim-section" aria-labelledby="phone-heading">
          <h2 id="phone-heading">手机付款 / The person&apos;s phone</h2>
          <p>出示付款码（由模拟支付通道应答）/ Show a payment code to the scanner (the simulated channel answers):</p>
          <div className="sim-actions">
            {phoneCodes.map(([outcome, label]) => (
              <button
                key={outcome}
                type="button"
                data-testid={`sim-pay-code-${outcome}`}
                onClick={() => run('showPaymentCode', () => sim.showPaymentCode({ outcome }))}
              >
                {label}
              </button>
            ))}
          </div>
          <p>扫描终端上显示的二维码 / Scan the QR the kiosk shows:</p>
          <div className="sim-actions">
            {phoneQr.map(([action, label]) => (
              <button
                key={action}
                type="button"
                data-testid={`sim-pay-qr-${action}`}
                onClick={() => run('scanShownPaymentQr', () => sim.scanShownPaymentQr({ action }))}
              >
                {label}
              </button>
            ))}
          </div>
        </section>

        <section className="sim-section" aria-labelledby="printer-heading">
          <h2 id="printer-heading">凭条打印机 / Receipt printer</h2>
          <p className="sim-line">
            纸卷 / Paper: <strong>{paper}</strong> · 仓盖 / Cover:{' '}
            <strong>{state?.coverOpen ? '打开 / open' : '关闭 / closed'}</strong> · 已打印 / Printed:{' '}
            <strong>{printedReceipts}</strong>
          </p>
          <div className="sim-actions">
            {paperStates.map(([value, label]) => (
              <button
                key={value}
                type="button"
                data-testid={`sim-paper-${value}`}
                aria-pressed={paper === value}
                onClick={() => run('setPaper', () => sim.setPaper({ state: value }))}
              >
                {label}
              </button>
            ))}
            <button
              type="button"
              data-testid="sim-cover-open"
              aria-pressed={state?.coverOpen === true}
              onClick={() => run('setCoverOpen', () => sim.setCoverOpen({ open: true }))}
            >
              打开仓盖 / Open cover
            </button>
            <button
              type="button"
              data-testid="sim-cover-closed"
              aria-pressed={state?.coverOpen === false}
              onClick={() => run('setCoverOpen', () => sim.setCoverOpen({ open: false }))}
            >
              关闭仓盖 / Close cover
            </button>
            <PlugButtons device="receiptPrinter" unplugged={unplugged('receiptPrinter')} onPlug={plug} />
          </div>
          <h3>打印的凭条 / Printed receipts</h3>
          {receipts.length === 0 ? (
            <p>无 / none</p>
          ) : (
            <ul className="sim-receipts">
              {receipts.map((r) => (
                <li key={r.id}>
                  <img
                    data-testid="sim-receipt"
                    className="sim-receipt"
                    src={svgDataUrl(r.svg)}
                    alt={`凭条 / Receipt ${r.id} ${r.printedAt}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        {cards && (
          <FaceEnrol
            sim={sim}
            people={[
              ...cards.filter((c) => /retiree/i.test(c.role) && !/already/i.test(c.role)),
              ...cards.filter((c) => !/retiree/i.test(c.role) || /already/i.test(c.role)),
            ]}
          />
        )}

        <section className="sim-section" aria-labelledby="a4-heading">
          <h2 id="a4-heading">A4 打印机 / A4 printer</h2>
          <p className="sim-line">
            已打印页数 / Pages printed: <strong>{a4Pages}</strong>
          </p>
          <div className="sim-actions">
            <PlugButtons device="a4Printer" unplugged={unplugged('a4Printer')} onPlug={plug} />
          </div>
          {documents.length === 0 ? (
            <p>无 / none</p>
          ) : (
            <ul className="sim-documents" data-testid="sim-a4-documents">
              {documents.map((d) => (
                <li key={d.id}>
                  <span className="mono">{d.id}</span> {d.title}
                  {d.pages !== undefined && ` · ${d.pages} 页 / pages`} · {d.printedAt}
                  {d.preview && (
                    <img
                      data-testid="sim-a4-page"
                      className="sim-a4-page"
                      src={d.preview}
                      alt={`第 1 页 / Page 1: ${d.title}`}
                    />
                  )}
                </li>
              ))}
            </ul>
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
