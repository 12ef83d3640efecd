/** Recent activity in the hall (the audit log): ids and codes only, for supervisors and admins. */
import { AuditListResponse, type AuditEntryView } from '../../../../contracts/staff-audit';
import { staffRoutes } from '../../../../contracts/staff';
import { apiRequest, errorText } from '../shared/api';
import { clockSeconds } from '../shared/time';
import { usePoll } from '../shared/use-poll';
import { auditAction, auditResult, isBadResult } from './reasons';

const AUDIT_POLL_MS = 5_000;

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
              <td title={e.action}>{auditAction(e.action)}</td>
              <td>{actor(e)}</td>
              <td>{e.terminalId ?? '—'}</td>
              <td className={isBadResult(e.result) ? 'text-warn' : undefined} title={e.result}>
                {auditResult(e.result)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
