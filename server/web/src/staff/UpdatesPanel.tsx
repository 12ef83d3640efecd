/**
 * Updates: every uploaded release with its staged rollout in this hall. Admins publish a release to a
 * share of the terminals, widen the share, or pause it; everyone else sees where it stands. Which
 * version each terminal runs is in the fleet table.
 */
import { useState } from 'react';
import type { StaffRole } from '../../../../contracts/domain';
import {
  ReleaseListResponse,
  ReleaseView as ReleaseViewSchema,
  type ReleaseView,
  updateRoutes,
} from '../../../../contracts/updates';
import { apiRequest, errorText } from '../shared/api';
import { usePoll } from '../shared/use-poll';

const RELEASES_POLL_MS = 10_000;
/** The shares an admin can choose: a first few terminals, then a third, half, all. */
const SHARES = [10, 30, 50, 100] as const;

const statusName: Record<ReleaseView['status'], string> = {
  notPublished: '未发布',
  rolling: '推送中',
  paused: '已暂停',
};
const kindName: Record<ReleaseView['kind'], string> = { deb: '瘦终端 (.deb)', electron: '桌面版 (Electron)' };

export function UpdatesPanel({ token, role }: { token: string; role: StaffRole }) {
  const { data, error, refresh } = usePoll(
    (signal) => apiRequest(updateRoutes.staffReleases, ReleaseListResponse, { token, signal }),
    RELEASES_POLL_MS,
    token,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const isAdmin = role === 'admin';
  const releases = (data?.releases ?? []).slice(0, 6);

  const act = async (release: ReleaseView, percent: number | 'pause') => {
    setBusy(release.releaseId);
    setMessage(null);
    try {
      const params = { releaseId: release.releaseId };
      const view =
        percent === 'pause'
          ? await apiRequest(updateRoutes.staffPauseRelease, ReleaseViewSchema, { token, params })
          : await apiRequest(updateRoutes.staffPublishRelease, ReleaseViewSchema, { token, params, body: { percent } });
      setMessage({
        text:
          percent === 'pause'
            ? `${view.version} 已暂停推送`
            : `${view.version} 已推送给 ${view.cohortSize} 台终端（${view.percent}%）`,
        error: false,
      });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      setBusy(null);
      refresh();
    }
  };

  return (
    <section className="panel updates-panel" aria-labelledby="updates-title">
      <h2 id="updates-title">软件更新</h2>
      {error !== null && <p className="form-error">{errorText(error)}</p>}
      {message && (
        <p className={message.error ? 'form-error' : 'form-note'} role="status">
          {message.text}
        </p>
      )}
      <table className="table" data-testid="releases">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">推送</th>
            <th scope="col">结果</th>
            {isAdmin && <th scope="col">操作</th>}
          </tr>
        </thead>
        <tbody>
          {releases.length === 0 && (
            <tr>
              <td colSpan={isAdmin ? 4 : 3} className="muted">
                还没有上传的更新包（用 upload-release 命令上传）
              </td>
            </tr>
          )}
          {releases.map((r) => (
            <tr key={r.releaseId} data-testid={`release-${r.version}-${r.kind}`}>
              <td>
                <strong>{r.version}</strong>
                <div className="muted">
                  {kindName[r.kind]} {r.arch}
                </div>
              </td>
              <td>
                <span className={r.status === 'paused' ? 'text-warn' : undefined}>{statusName[r.status]}</span>
                {r.status !== 'notPublished' && (
                  <div className="muted nowrap">
                    {r.percent}%，{r.cohortSize}/{r.terminalsInHall} 台
                  </div>
                )}
              </td>
              <td className="nowrap">
                已更新 {r.results.installed}
                {r.results.rolledBack > 0 && <div className="text-warn">已回退 {r.results.rolledBack}</div>}
                {r.results.failed + r.results.refused > 0 && (
                  <div className="text-warn">失败 {r.results.failed + r.results.refused}</div>
                )}
              </td>
              {isAdmin && (
                <td>
                  <div className="command-bar">
                    {SHARES.filter((p) => p > r.percent || (r.status === 'paused' && p === r.percent)).map((p) => (
                      <button
                        key={p}
                        type="button"
                        className="btn btn-small"
                        disabled={busy !== null}
                        onClick={() => void act(r, p)}
                      >
                        {r.status === 'paused' && p === r.percent ? `恢复 ${p}%` : `推送到 ${p}%`}
                      </button>
                    ))}
                    {r.status === 'rolling' && (
                      <button
                        type="button"
                        className="btn btn-small btn-warn"
                        disabled={busy !== null}
                        onClick={() => void act(r, 'pause')}
                      >
                        暂停
                      </button>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">终端只在无人办理、没有打印时安装；新版本 10 分钟内不正常会自动回退并暂停推送。</p>
    </section>
  );
}
