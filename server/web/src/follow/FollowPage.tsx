/** A citizen's phone page for one ticket (the QR code on the receipt): where they are in the queue. */
import { PublicTicketView, queueRoutes } from '../../../../contracts/queue';
import { HOTLINE } from '../../../../contracts/errors';
import { ApiError, apiRequest, errorText } from '../shared/api';
import { usePoll } from '../shared/use-poll';
import { clock, clockSeconds } from '../shared/time';

/** How often the page asks again. */
export const FOLLOW_POLL_MS = 5_000;

export function FollowPage({ ticketId }: { ticketId: string }) {
  const { data, error } = usePoll(
    (signal) => apiRequest(queueRoutes.publicTicket, PublicTicketView, { params: { ticketId }, signal }),
    FOLLOW_POLL_MS,
    ticketId,
  );
  if (!data) {
    const missing = error instanceof ApiError && (error.code === 'notFound' || error.code === 'invalidRequest');
    return (
      <main className="follow">
        <h1>排队进度</h1>
        <p className={error ? 'follow-error' : 'follow-muted'} role="status">
          {error ? (missing ? '没有找到这个排队号，请核对小票上的二维码' : errorText(error)) : '正在查询…'}
        </p>
        <p className="follow-hotline">咨询电话 {HOTLINE}</p>
      </main>
    );
  }
  return (
    <main className="follow" data-testid="follow">
      <p className="follow-hall">{data.hallName}</p>
      <section className={`follow-card follow-${data.status}`} aria-label="我的排队号">
        <p className="follow-label">我的排队号</p>
        <p className="follow-number" data-testid="follow-number">
          {data.number}
        </p>
        <p className="follow-category">{data.categoryName}</p>
      </section>
      <StatusLine view={data} />
      <dl className="follow-facts">
        <div>
          <dt>取号时间</dt>
          <dd>{clock(data.issuedAt)}</dd>
        </div>
        <div>
          <dt>当前叫号</dt>
          <dd>{data.nowServing ?? '尚未开始'}</dd>
        </div>
      </dl>
      <p className="follow-muted">
        每 {FOLLOW_POLL_MS / 1000} 秒自动刷新 · 更新于 {clockSeconds(data.asOf)}
        {error ? '（连接中断，正在重试）' : ''}
      </p>
      <p className="follow-hotline">过号请到服务台重新取号 · 咨询电话 {HOTLINE}</p>
    </main>
  );
}

function StatusLine({ view }: { view: PublicTicketView }) {
  switch (view.status) {
    case 'waiting':
      return (
        <section className="follow-status" data-testid="follow-status">
          <p className="follow-big">
            前面还有 <strong data-testid="follow-ahead">{view.peopleAhead}</strong> 人
          </p>
          <p>预计等待约 {view.estimatedWaitMin} 分钟</p>
        </section>
      );
    case 'called':
      return (
        <section className="follow-status follow-now" data-testid="follow-status" role="alert">
          <p className="follow-big">请到 {view.windowNo} 号窗口办理</p>
          <p>叫号时间 {clock(view.calledAt)}</p>
        </section>
      );
    case 'served':
      return (
        <section className="follow-status" data-testid="follow-status">
          <p className="follow-big">已办结</p>
          <p>感谢您的耐心等候</p>
        </section>
      );
    case 'skipped':
      return (
        <section className="follow-status follow-warn" data-testid="follow-status">
          <p className="follow-big">已过号</p>
          <p>请到服务台咨询或重新取号</p>
        </section>
      );
  }
}
