/**
 * The public page a certification receipt's QR code opens on a phone (`/verify/certifications/:id`
 * asked for by a browser): whether the certification is on record and still valid, with the masked
 * name and dates only. Server-rendered HTML with no script, phone-sized, large type — the same look
 * as the statement verification page (server/statements/verify-page.ts).
 */
import type { CertificationCheck } from '../../contracts/certification';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `2026-03-05` → `2026年3月5日`. */
const dateLabel = (isoDate: string) => {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** The day of `at` in the hall's time zone, as `2026年3月5日`. */
function dayInZone(at: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(at))
    .slice(0, 10);
  return dateLabel(parts);
}

/** The page for a certification that is on record (`check`), or not found (`null`). */
export function certificationCheckPageHtml(check: CertificationCheck | null, timeZone: string): string {
  let body: string;
  if (check) {
    const facts: [string, string][] = [
      ['姓名', check.maskedName],
      ['认证日期', dayInZone(check.certifiedAt, timeZone)],
      ['有效期至', check.validUntil ? dateLabel(check.validUntil) : '—'],
    ];
    const head = check.valid
      ? `<section class="ok" role="status"><h2>✔ 认证有效</h2><p>这次养老待遇资格认证已在本系统登记，目前仍在有效期内。</p></section>`
      : `<section class="warn" role="status"><h2>认证已过期</h2><p>这次认证在本系统有记录，但已超过有效期。请本人到人社服务大厅的自助机或窗口重新认证。</p></section>`;
    body = `${head}<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
  } else {
    body = `<section class="bad" role="alert"><h2>✘ 没有找到这次认证</h2><p>本系统没有这张回执对应的认证记录。请核对回执是否完整，或拨打 12333 咨询。</p></section>`;
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>养老待遇资格认证核验</title>
<style>
*{box-sizing:border-box}
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;font-size:22px;line-height:1.5;margin:0 auto;max-width:980px;padding:24px;color:#111;background:#fff;overflow-wrap:anywhere}
h1{font-size:34px;margin:0 0 16px}h2{font-size:28px;margin:16px 0 8px}
.ok{border:4px solid #0a6b2a;background:#e9f7ee;padding:8px 20px;margin:24px 0;border-radius:10px}.ok h2{color:#0a6b2a}
.warn{border:4px solid #8a5a00;background:#fff6e0;padding:8px 20px;margin:24px 0;border-radius:10px}.warn h2{color:#6b4500}
.bad{border:4px solid #a10f0f;background:#fdecec;padding:8px 20px;margin:24px 0;border-radius:10px}.bad h2{color:#a10f0f}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 20px}dt{color:#333}dd{margin:0;font-weight:bold}
.small{font-size:18px;color:#333}
@media (max-width:600px){body{padding:16px;font-size:20px}h1{font-size:28px}dl{grid-template-columns:1fr;gap:0}dd{margin-bottom:8px}}
</style></head><body>
<h1>养老待遇资格认证核验</h1>
${body}
<p class="small">为保护个人信息，这里只显示部分姓名和日期。有疑问请拨打 12333。</p>
</body></html>`;
}
