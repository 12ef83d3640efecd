/**
 * The hall's terminals at a glance (online from the heartbeat, in service, each device's health,
 * paper, version, uptime, last error) and the commands staff send them, with each command's fate.
 */
import { useEffect, useState } from 'react';
import {
  CommandListResponse,
  type CommandView,
  CommandView as CommandViewSchema,
  type DeviceName,
  FleetResponse,
  type FleetTerminal,
  type TerminalCommandKind,
  fleetRoutes,
} from '../../../../contracts/fleet';
import type { StaffRole } from '../../../../contracts/domain';
import { ApiError, apiRequest, errorText } from '../shared/api';
import { ago, clock, duration } from '../shared/time';
import { usePoll } from '../shared/use-poll';
import { deviceDetail, deviceReason } from './reasons';

const FLEET_POLL_MS = 3_000;
const COMMANDS_POLL_MS = 2_000;

export const deviceName: Record<DeviceName, string> = {
  idCardReader: '身份证阅读器',
  ssCardReader: '社保卡读卡器',
  qrScanner: '扫码器',
  receiptPrinter: '凭条打印机',
  a4Printer: 'A4 打印机',
  camera: '摄像头',
};

const healthName: Record<FleetTerminal['health'], string> = {
  ok: '正常',
  degraded: '部分故障',
  failed: '故障',
  offline: '离线',
};

const deviceStateName = { ok: '正常', degraded: '异常', failed: '故障' } as const;

const commandName: Record<TerminalCommandKind, string> = {
  restartApp: '重启',
  resetDevice: '重置设备',
  outOfService: '暂停服务',
  inService: '恢复服务',
};

/** pending / delivered / done / failed / expired, in plain words. */
export function commandState(c: CommandView): { key: string; text: string } {
  if (c.status === 'expired') return { key: 'expired', text: '已过期' };
  if (c.status === 'pending') {
    return c.firstDeliveredAt ? { key: 'delivered', text: '已送达' } : { key: 'pending', text: '待送达' };
  }
  if (c.result === 'done') return { key: 'done', text: '已完成' };
  if (c.result === 'rejected') return { key: 'failed', text: '被拒绝' };
  return { key: 'failed', text: '失败' };
}

/** Paper as the receipt printer reports it: its reason when not ok. */
function paperOf(t: FleetTerminal): string {
  const printer = t.devices.find((d) => d.device === 'receiptPrinter');
  if (!printer) return '—';
  if (printer.state === 'ok') return '正常';
  return printer.reason ? deviceReason(printer.reason) : deviceStateName[printer.state];
}

/** The last fault since the terminal started, and whether that device has recovered since. */
function lastErrorOf(t: FleetTerminal): string {
  if (!t.lastError) return '—';
  const device = t.devices.find((d) => t.lastError!.startsWith(`${d.device}:`));
  return deviceDetail(t.lastError, deviceName) + (device?.state === 'ok' ? '（现已恢复）' : '');
}

/** Commands that interrupt citizens at the terminal: asked once more before they are sent. */
const confirmText: Partial<Record<TerminalCommandKind, (terminalId: string) => string>> = {
  restartApp: (id) => `确认重启 ${id}？正在办理的群众会被退出，约一分钟后恢复。`,
  outOfService: (id) => `确认暂停 ${id} 的服务？屏幕将显示暂停服务，并指引群众到其他终端或窗口。`,
};

function randomKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

interface Props {
  token: string;
  role: StaffRole;
  onUnauthorized: () => void;
}

export function FleetPanel({ token, role, onUnauthorized }: Props) {
  const { data, error, refresh } = usePoll(
    (signal) => apiRequest(fleetRoutes.staffTerminals, FleetResponse, { token, signal }),
    FLEET_POLL_MS,
    token,
  );
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (error instanceof ApiError && error.code === 'unauthorized') onUnauthorized();
  }, [error, onUnauthorized]);
  const terminals = data?.terminals ?? [];
  const current = terminals.find((t) => t.terminalId === selected) ?? null;
  const asOf = data ? Date.parse(data.asOf) : 0;

  return (
    <section className="panel fleet-panel" aria-labelledby="fleet-title">
      <h2 id="fleet-title">
        终端设备 <span className="muted">{terminals.length} 台</span>
      </h2>
      {error !== null && <p className="form-error">{errorText(error)}</p>}
      <table className="table fleet-table" data-testid="fleet">
        <thead>
          <tr>
            <th scope="col">终端</th>
            <th scope="col">状态</th>
            <th scope="col">服务</th>
            <th scope="col">设备</th>
            <th scope="col">凭条纸</th>
            <th scope="col">版本 / 运行</th>
            <th scope="col">最近错误</th>
          </tr>
        </thead>
        <tbody>
          {terminals.map((t) => (
            <tr
              key={t.terminalId}
              className={t.terminalId === selected ? 'row-selected' : undefined}
              data-testid={`terminal-${t.terminalId}`}
            >
              <th scope="row" className="nowrap">
                <button type="button" className="link-button" onClick={() => setSelected(t.terminalId)}>
                  {t.terminalId}
                </button>
                <div className="muted">{t.location ?? ''}</div>
              </th>
              <td className="nowrap">
                <span className={`badge badge-${t.health}`}>{healthName[t.health]}</span>
                <div className="muted">
                  {t.health === 'offline' ? '离线，' : '在线，'}
                  {t.lastHeartbeatAt
                    ? `心跳 ${ago(Math.max(0, (asOf - Date.parse(t.lastHeartbeatAt)) / 1000))}`
                    : '从未上线'}
                </div>
              </td>
              <td className="nowrap">
                {t.inService ? '服务中' : <strong className="text-warn">暂停服务</strong>}
                {t.reportedInService === false && t.inService && <div className="text-warn">终端自行暂停</div>}
                {t.pendingCommands > 0 && <div className="muted">{t.pendingCommands} 条指令待执行</div>}
              </td>
              <td>
                <ul className="device-list">
                  {t.devices.length === 0 && <li className="muted">—</li>}
                  {t.devices.map((d) => (
                    <li key={d.device} className={`device-${d.state}`}>
                      {deviceName[d.device]}：{deviceStateName[d.state]}
                      {d.reason ? `（${deviceReason(d.reason)}）` : ''}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="nowrap">{paperOf(t)}</td>
              <td>
                {t.appVersion ?? '—'}
                <div className="muted">{t.uptimeS !== null ? `已运行 ${duration(t.uptimeS)}` : ''}</div>
              </td>
              <td className="last-error">{lastErrorOf(t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {current ? (
        <TerminalDetail key={current.terminalId} terminal={current} token={token} role={role} onSent={refresh} />
      ) : (
        <p className="muted">点击终端编号，可重启、重置设备、暂停或恢复服务。</p>
      )}
    </section>
  );
}

function TerminalDetail({
  terminal,
  token,
  role,
  onSent,
}: {
  terminal: FleetTerminal;
  token: string;
  role: StaffRole;
  onSent: () => void;
}) {
  const params = { terminalId: terminal.terminalId };
  const { data, refresh } = usePoll(
    (signal) => apiRequest(fleetRoutes.staffTerminalCommands, CommandListResponse, { token, params, signal }),
    COMMANDS_POLL_MS,
    terminal.terminalId,
  );
  const [device, setDevice] = useState<DeviceName | ''>(terminal.devices[0]?.device ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [confirming, setConfirming] = useState<TerminalCommandKind | null>(null);
  const mayCommand = role !== 'clerk';

  /** A command that interrupts citizens asks first; the rest go at once. */
  const ask = (kind: TerminalCommandKind) => {
    setMessage(null);
    if (confirmText[kind]) setConfirming(kind);
    else void send(kind);
  };

  const send = async (kind: TerminalCommandKind) => {
    setConfirming(null);
    setBusy(true);
    setMessage(null);
    try {
      const body =
        kind === 'resetDevice' ? { kind, device, idempotencyKey: randomKey() } : { kind, idempotencyKey: randomKey() };
      await apiRequest(fleetRoutes.staffSendCommand, CommandViewSchema.or(CommandViewSchema.partial()), {
        token,
        params,
        body,
      });
      setMessage({ text: `已发送：${commandName[kind]}`, error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      setBusy(false);
      refresh();
      onSent();
    }
  };

  return (
    <div className="terminal-detail" data-testid="terminal-detail">
      <h3>
        {terminal.terminalId} <span className="muted">{terminal.location ?? ''}</span>
      </h3>
      {!mayCommand && <p className="muted">窗口人员不能向终端发指令，请联系值班主管。</p>}
      <div className="command-bar">
        <button type="button" className="btn" disabled={busy || !mayCommand} onClick={() => ask('restartApp')}>
          重启
        </button>
        <label className="device-choice">
          <span className="sr-only">要重置的设备</span>
          <select value={device} onChange={(e) => setDevice(e.target.value as DeviceName)} disabled={!mayCommand}>
            {(Object.keys(deviceName) as DeviceName[]).map((d) => (
              <option key={d} value={d}>
                {deviceName[d]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          disabled={busy || !mayCommand || device === ''}
          onClick={() => ask('resetDevice')}
        >
          重置设备
        </button>
        {terminal.inService ? (
          <button
            type="button"
            className="btn btn-warn"
            disabled={busy || !mayCommand}
            onClick={() => ask('outOfService')}
          >
            暂停服务
          </button>
        ) : (
          <button type="button" className="btn btn-ok" disabled={busy || !mayCommand} onClick={() => ask('inService')}>
            恢复服务
          </button>
        )}
      </div>
      {confirming !== null && (
        <div className="command-confirm" role="alertdialog" aria-labelledby="command-confirm-text">
          <p id="command-confirm-text">{confirmText[confirming]!(terminal.terminalId)}</p>
          <button
            type="button"
            className={confirming === 'outOfService' ? 'btn btn-warn' : 'btn'}
            disabled={busy}
            onClick={() => send(confirming)}
          >
            确认{commandName[confirming]}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(null)}>
            取消
          </button>
        </div>
      )}
      <p className={message?.error ? 'form-error' : 'form-note'} role="status">
        {message?.text ?? '\u00a0'}
      </p>
      <table className="table" data-testid="commands">
        <caption>最近指令</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">指令</th>
            <th scope="col">发出人</th>
            <th scope="col">状态</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {(data?.commands ?? []).length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                没有指令
              </td>
            </tr>
          )}
          {(data?.commands ?? []).slice(0, 10).map((c) => {
            const state = commandState(c);
            return (
              <tr key={c.commandId} data-testid="command-row" data-state={state.key}>
                <td>{clock(c.issuedAt)}</td>
                <td>
                  {commandName[c.kind]}
                  {c.device ? `：${deviceName[c.device]}` : ''}
                </td>
                <td>{c.issuedBy}</td>
                <td>
                  <span className={`badge badge-cmd-${state.key}`}>{state.text}</span>
                </td>
                <td className="muted">
                  {c.resultDetail
                    ? deviceDetail(c.resultDetail, deviceName)
                    : c.ackedAt
                      ? `回执 ${clock(c.ackedAt)}`
                      : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
