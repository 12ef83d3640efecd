/**
 * The public verification page (`/verify`): enter the code, or open the link in the QR code, and see
 * whether the statement is genuine and what it says (ID number masked). Server-rendered HTML with no
 * script, so any phone browser works; large type for older readers.
 */
import { DEFAULT_HALL_TIME_ZONE, hallDateTime } from '../../contracts/hall-time';
import { maskName } from '../../contracts/id-number';
import { formatFen } from '../../contracts/money';
import type { PaymentCertificateContent, PaymentVerificationResult } from '../../contracts/payment';
import type { StatementContent, VerificationResult } from '../../contracts/statements';
import {
  coverageLabel,
  insuranceTypeNames,
  issueDateLabel,
  periodLabel,
  statementTitles,
} from '../../documents/statement-pdf';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const statusNames: Record<string, string> = {
  active: '参保缴费',
  suspended: '暂停缴费',
  terminated: '终止参保',
  receiving: '领取待遇',
};

const reasons: Record<Extract<VerificationResult, { genuine: false }>['reason'], string> = {
  malformedCode: '核验码格式不对，请对照证明上的核验码重新输入（共16位，如 7K3M-Q9XD-2HTB-W5RT）。',
  unknownCode: '本系统没有出具过这个核验码的证明。',
  badSignature: '这份记录的电子签名不正确，可能被篡改。',
};

function contentHtml(c: StatementContent): string {
  const facts: [string, string][] = [
    ['证明类型', statementTitles[c.kind]],
    ['期间', coverageLabel(c)],
    ['姓名', c.person.name],
    ['公民身份号码', c.person.maskedIdNumber],
    ['出具机构', c.issuer],
    ['出具网点', c.hallName],
    ['出具日期', issueDateLabel(c.issuedAt)],
    ['页数', `${c.pageCount} 页`],
    ['养老保险累计缴费月数', `${c.pensionPaidMonthsTotal} 个月`],
  ];
  if (c.pensionAccount)
    facts.push([
      '养老保险个人账户',
      `${formatFen(c.pensionAccount.balance)} 元（截至${periodLabel(c.pensionAccount.asOfPeriod)}）`,
    ]);
  const totals = c.totals
    .map(
      (t) =>
        `<tr><td>${esc(insuranceTypeNames[t.insuranceType].full)}</td><td>${t.status ? statusNames[t.status] : '未参保'}</td>` +
        `<td class="n">${t.paidMonths}</td><td class="n">${t.arrearsMonths}</td>` +
        `<td class="n">${formatFen(t.employerTotal)}</td><td class="n">${formatFen(t.personalTotal)}</td></tr>`,
    )
    .join('');
  const head = c.coverage.insuranceTypes.map((t) => `<th>${esc(insuranceTypeNames[t].short)}个人(元)</th>`).join('');
  const rows = c.rows
    .map(
      (r) =>
        `<tr><td>${periodLabel(r.period)}</td><td class="n">${r.base === null ? '—' : formatFen(r.base)}</td>` +
        r.cells
          .map(
            (x) =>
              `<td class="n">${x.state === 'paid' ? formatFen(x.personalAmount) : x.state === 'arrears' ? '欠费' : '—'}</td>`,
          )
          .join('') +
        '</tr>',
    )
    .join('');
  return `
<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>参保缴费汇总</h2>
<div class="wide"><table><thead><tr><th>险种</th><th>参保状态</th><th>已缴月数</th><th>欠费月数</th><th>单位缴费合计(元)</th><th>个人缴费合计(元)</th></tr></thead>
<tbody>${totals}</tbody></table></div>
<details><summary>逐月缴费明细（${c.rows.length} 个月）</summary>
<div class="wide"><table><thead><tr><th>缴费年月</th><th>缴费基数(元)</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></details>
<p class="small">核对要点：纸质证明上的姓名、期间、金额应与上面完全一致。文件指纹（SHA-256）：<code>${esc(c.pdfSha256)}</code></p>`;
}

const itemKinds: Record<string, string> = {
  residentPension: '城乡居民养老保险',
  residentMedical: '城乡居民医疗保险',
  arrears: '补缴欠费',
};

/** A payment certificate (缴费凭证): what was paid, for whom (masked), when; one column on a phone. */
function paymentContentHtml(c: PaymentCertificateContent): string {
  const when = (iso: string) => hallDateTime(DEFAULT_HALL_TIME_ZONE, iso);
  const facts: [string, string][] = [
    ['凭证类型', '社会保险费缴费凭证'],
    ['缴费人', maskName(c.payer.name)],
    ['公民身份号码', c.payer.maskedIdNumber],
    ['缴费金额', `${formatFen(c.amount)} 元`],
    ['缴费时间', when(c.paidAt)],
    ['订单号', c.orderNo],
    ['支付交易单号', c.transactionId],
    ['出具网点', c.hallName],
    ['出具日期', when(c.issuedAt)],
  ];
  const items = c.items
    .map(
      (i) =>
        `<li><strong>${esc(itemKinds[i.kind] ?? i.kind)}${i.year ? ` ${i.year} 年度` : ''}</strong>：` +
        `${esc(i.beneficiary.maskedName)}（${esc(i.beneficiary.maskedIdNumber)}）` +
        `<span class="amt">${formatFen(i.amount)} 元</span>${i.subsidy > 0 ? `<span class="small">另有政府补贴 ${formatFen(i.subsidy)} 元</span>` : ''}</li>`,
    )
    .join('');
  return `
<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>缴费明细</h2><ul class="items">${items}</ul>
<p class="small">核对要点：纸质凭证上的金额、订单号应与上面完全一致。文件指纹（SHA-256）：<code>${esc(c.pdfSha256)}</code></p>`;
}

/** The whole page; `result` is absent when no code was entered yet; `payment` when the code is a payment certificate's. */
export function verifyPageHtml(
  code: string,
  result: VerificationResult | null,
  payment: PaymentVerificationResult | null = null,
): string {
  let body = '';
  if (payment?.genuine && payment.refundedSince) {
    body = `<section class="bad" role="alert"><h2>✘ 这笔缴费已退款，凭证作废</h2><p>这张缴费凭证由本系统出具，但对应的缴费已经退回，不能再作为缴费证明。核验码 <strong>${esc(payment.content.verificationCode)}</strong></p><p>如有疑问请拨打 12333 咨询。</p></section>${paymentContentHtml(payment.content)}`;
  } else if (payment?.genuine) {
    body = `<section class="ok" role="status"><h2>✔ 真实有效</h2><p>这张缴费凭证由本系统出具，内容未被改动，缴费已记入参保记录。核验码 <strong>${esc(payment.content.verificationCode)}</strong></p></section>${paymentContentHtml(payment.content)}`;
  } else if (result?.genuine) {
    body = `<section class="ok" role="status"><h2>✔ 真实有效</h2><p>这份证明由本系统出具，内容未被改动。核验码 <strong>${esc(result.content.verificationCode)}</strong></p></section>${contentHtml(result.content)}`;
  } else if (result) {
    body = `<section class="bad" role="alert"><h2>✘ 不是本系统出具的有效证明</h2><p>${reasons[result.reason]}</p><p>如有疑问请拨打 12333 咨询。</p></section>`;
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>社会保险证明核验</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;font-size:22px;line-height:1.5;margin:0 auto;max-width:980px;padding:24px;color:#111;background:#fff}
h1{font-size:34px;margin:0 0 16px}h2{font-size:28px;margin:24px 0 8px}
form{display:flex;gap:12px;flex-wrap:wrap;align-items:center}
label{font-size:24px;width:100%}
input{font-size:28px;padding:12px;min-height:56px;flex:1 1 12em;min-width:0;width:100%;font-family:monospace;letter-spacing:2px;border:2px solid #333;border-radius:8px}
button{font-size:26px;min-height:64px;padding:0 32px;background:#0b4f9c;color:#fff;border:0;border-radius:8px;cursor:pointer}
.ok{border:4px solid #0a6b2a;background:#e9f7ee;padding:8px 20px;margin:24px 0;border-radius:10px}.ok h2{color:#0a6b2a}
.bad{border:4px solid #a10f0f;background:#fdecec;padding:8px 20px;margin:24px 0;border-radius:10px}.bad h2{color:#a10f0f}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 20px}dt{color:#333}dd{margin:0;font-weight:bold}
table{border-collapse:collapse;width:100%;font-size:20px}th,td{border:1px solid #666;padding:6px 8px}th{background:#e6e6e6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.wide{overflow-x:auto;max-width:100%}th,.wide td:first-child{white-space:nowrap}
@media (max-width:600px){body{padding:16px;font-size:20px}h1{font-size:28px}dl{grid-template-columns:1fr;gap:0}dd{margin-bottom:8px}button{width:100%}}
summary{font-size:24px;cursor:pointer;margin:16px 0;min-height:48px}.small{font-size:18px;color:#333;word-break:break-all}
dd{overflow-wrap:anywhere}.items{padding-left:1.2em}.items li{margin:8px 0}.amt{display:block;font-weight:bold}.items .small{display:block}
</style></head><body>
<h1>社会保险证明真伪核验</h1>
<form method="get" action="/verify">
<label for="code">请输入证明上的16位核验码，或用手机扫描证明首页的二维码</label>
<input id="code" name="code" value="${esc(code)}" autocomplete="off" maxlength="40" placeholder="例如 7K3M-Q9XD-2HTB-W5RT">
<button type="submit">核验</button>
</form>
${body}
<p class="small">也可以用公布的公钥离线核验：<a href="/.well-known/statement-key">/.well-known/statement-key</a></p>
</body></html>`;
}
