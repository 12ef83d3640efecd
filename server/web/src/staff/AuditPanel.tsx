/** Recent activity in the hall (the audit log): ids and codes only, for supervisors and admins. */
import { AuditListResponse, type AuditEntryView } from '../../../../contracts/staff-audit';
import { staffRoutes } from '../../../../contracts/staff';
import { apiRequest, errorText } from '../shared/api';
import { clockSeconds } from '../shared/time';
import { usePoll } from '../shared/use-poll';
import { auditResult, isBadResult } from './reasons';

const AUDIT_POLL_MS = 5_000;

const actionName: Record<string, string> = {
  'staff.login': '工作人员登录',
  'staff.logout': '工作人员退出',
  'staff.pinCheck': '终端维护验证',
  'queue.issue': '取号',
  'queue.callNext': '叫号',
  'queue.recall': '重呼',
  'queue.skip': '过号',
  'queue.serve': '办结',
  'fleet.command': '发出终端指令',
  'fleet.deliver': '指令送达终端',
  'fleet.ack': '终端回执',
  'session.open': '读卡开始办理',
  'session.expire': '办理超时结束',
  'terminal.auth': '终端认证',
  'terminal.register': '终端注册',
};

function actor(e: AuditEntryView): string {
  if (e.actorKind === 'system') return '系统';
  return e.actorId ?? '—';
}

export function AuditPanel({ token }: { token: string }) {
  const { data, error } = usePoll(
    (signal) => apiRequest(staffRoutes.staffAudit, AuditListResponse, { token, signal }),
    AUDIT_POLL_MS,
    token,
  );
  const entries = (data?.entries ?? []).slice(0, 15);
  return (
    <section className="panel audit-panel" aria-labelledby="audit-title">
      <h2 id="audit-title">最近操作记录</h2>
      {error !== null && <p className="form-error">{errorText(error)}</p>}
      <table className="table" data-testid="audit">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">操作者</th>
            <th scope="col">终端</th>
            <th scope="col">结果</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                暂无记录
              </td>
            </tr>
          )}
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="num">{clockSeconds(e.at)}</td>
              <td>{actionName[e.action] ?? e.action}</td>
              <td>{actor(e)}</td>
              <td>{e.terminalId ?? '—'}</td>
              <td className={isBadResult(e.result) ? 'text-warn' : undefined}>{auditResult(e.result)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
