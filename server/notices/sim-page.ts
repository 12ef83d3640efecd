/**
 * The SMS simulator page (`/sim/sms`), offered only while the hall server sends through the
 * simulator: what the "phones" received, newest first (number masked, time in the hall's zone,
 * delivery receipt), refreshed every 5 s, and a 回复TD button per message that opts the number out
 * as a real reply would. Server-rendered, no script.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_HALL_TIME_ZONE, hallDateTime } from '../../contracts/hall-time';
import { noticeOptOuts, simSmsMessages } from '../db/schema';
import type { Db } from '../db/types';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;background:#eef2f6;color:#1b2733}
header{background:#1d4f91;color:#fff;padding:16px 24px}h1{margin:0;font-size:28px}header p{margin:6px 0 0;font-size:18px}
main{max-width:900px;margin:0 auto;padding:16px}ol{list-style:none;padding:0;margin:0}
li{background:#fff;border-radius:12px;padding:16px 20px;margin:0 0 12px;box-shadow:0 1px 3px #0002}
.meta{display:flex;flex-wrap:wrap;gap:8px 20px;font-size:18px;color:#4a5a6a}.phone{font-weight:700;color:#1b2733}
.text{font-size:24px;line-height:1.5;margin:10px 0}.ok{color:#17803d}.out{color:#b3261e}
form{display:inline}button{font-size:18px;padding:8px 16px;border-radius:8px;border:1px solid #1d4f91;background:#fff;color:#1d4f91}
.empty{font-size:24px;text-align:center;padding:48px}`;

/** Registers `/sim/sms` and its reply action on the app (before it listens). */
export function registerSmsSimulatorPage(
  app: FastifyInstance,
  db: Db,
  options: { timeZone?: string; limit?: number } = {},
): void {
  const timeZone = options.timeZone ?? DEFAULT_HALL_TIME_ZONE;
  app.get('/sim/sms', async (_request, reply) => {
    const rows = await db
      .select({
        id: simSmsMessages.id,
        phoneMasked: simSmsMessages.phoneMasked,
        phoneHash: simSmsMessages.phoneHash,
        text: simSmsMessages.text,
        acceptedAt: simSmsMessages.acceptedAt,
        receiptStatus: simSmsMessages.receiptStatus,
        optedOut: noticeOptOuts.optedOutAt,
      })
      .from(simSmsMessages)
      .leftJoin(noticeOptOuts, eq(noticeOptOuts.phoneHash, simSmsMessages.phoneHash))
      .orderBy(desc(simSmsMessages.id))
      .limit(options.limit ?? 100);
    const items = rows
      .map(
        (m) => `<li data-message="${m.id}"><div class="meta"><span class="phone">${esc(m.phoneMasked)}</span>
<span>${esc(hallDateTime(timeZone, m.acceptedAt))}</span>
<span class="${m.receiptStatus === 'delivered' ? 'ok' : 'out'}">${m.receiptStatus === 'delivered' ? '已送达' : '未送达'}</span>
${m.optedOut ? '<span class="out">已退订</span>' : ''}</div>
<p class="text">${esc(m.text)}</p>
${m.optedOut ? '' : `<form method="post" action="/sim/sms/${m.id}/reply-td"><button type="submit">模拟回复 TD（退订）</button></form>`}</li>`,
      )
      .join('\n');
    reply.header('content-security-policy', CSP);
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="5"><title>短信模拟器</title><style>${STYLE}</style></head>
<body><header><h1>短信模拟器</h1><p>演示环境：大厅服务器发出的短信在这里显示（号码已隐藏中间四位），每 5 秒刷新。</p></header>
<main>${items ? `<ol>${items}</ol>` : '<p class="empty">还没有短信。</p>'}</main></body></html>`);
  });

  app.register(async (scope) => {
    // The button posts an empty form; nothing in it is read.
    scope.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null, {}));
    scope.post<{ Params: { id: string } }>('/sim/sms/:id/reply-td', async (request, reply) => {
      const id = Number(request.params.id);
      const [message] = Number.isSafeInteger(id)
        ? await db.select({ phoneHash: simSmsMessages.phoneHash }).from(simSmsMessages).where(eq(simSmsMessages.id, id))
        : [];
      if (!message) return reply.code(404).type('text/plain; charset=utf-8').send('没有这条短信');
      await db.insert(noticeOptOuts).values({ phoneHash: message.phoneHash, via: 'smsReply' }).onConflictDoNothing();
      return reply.code(303).header('location', '/sim/sms').send();
    });
  });
}
