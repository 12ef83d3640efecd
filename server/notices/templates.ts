/**
 * SMS templates. Domestic gateways send only pre-approved templates: a template code plus named
 * parameters, under an approved signature (签名). The text here is what the gateway would render;
 * parameters never hold a full name, an ID number or a phone number (checked by `checkParams`).
 */

/** Every notice the hall server sends. */
export const noticeTemplates = {
  caseAccepted: {
    code: 'SMS_HRSS_CASE_ACCEPTED',
    text: '您尾号${caseTail}的办件（${item}）已受理，预计${dueDate}前办结。',
  },
  caseNeedsMaterial: {
    code: 'SMS_HRSS_CASE_MATERIAL',
    text: '您尾号${caseTail}的办件（${item}）需补充材料：${material}。请携带原件到${hallName}办理。',
  },
  caseFinished: {
    code: 'SMS_HRSS_CASE_FINISHED',
    text: '您尾号${caseTail}的办件（${item}）已办结，结果：${result}。',
  },
  caseOverdue: {
    code: 'SMS_HRSS_CASE_OVERDUE',
    text: '您尾号${caseTail}的办件（${item}）已超过承诺时限，我们正在加快办理，可致电12333查询。',
  },
  certificationDue: {
    code: 'SMS_HRSS_CERT_DUE',
    text: '${maskedName}您好，您的养老待遇资格认证将于${validUntil}到期，请在到期前到${hallName}（${hallAddress}）自助终端刷脸认证。',
  },
  certificationLapsed: {
    code: 'SMS_HRSS_CERT_LAPSED',
    text: '${maskedName}您好，您的养老待遇资格认证已于${validUntil}到期，请尽快到${hallName}（${hallAddress}）认证，以免影响待遇发放。',
  },
  appointmentConfirmed: {
    code: 'SMS_HRSS_APPT_CONFIRMED',
    text: '您已预约${hallName}${category}，时间${slotTime}。请携带身份证或社保卡在自助终端签到。',
  },
  appointmentReminder: {
    code: 'SMS_HRSS_APPT_REMINDER',
    text: '提醒：您预约了${slotTime}在${hallName}办理${category}，请按时到自助终端签到。',
  },
  appointmentCancelled: {
    code: 'SMS_HRSS_APPT_CANCELLED',
    text: '您${slotTime}在${hallName}办理${category}的预约已取消。如需办理，可重新预约或到大厅取号。',
  },
  ticketNear: {
    code: 'SMS_HRSS_TICKET_NEAR',
    text: '您的${ticketNo}号前面还有${ahead}位，请回到${hallName}等候叫号。',
  },
  smsCode: {
    code: 'SMS_HRSS_CODE',
    text: '验证码${code}，${minutes}分钟内有效。请勿告诉他人。',
  },
} as const satisfies Record<string, { code: string; text: string }>;

/** A template's name. */
export type NoticeTemplate = keyof typeof noticeTemplates;

/** The opt-out line domestic rules ask every notice (not a code) to end with. */
export const OPT_OUT_SUFFIX = '拒收请回复TD';

/** The parameter names a template uses, in order. */
export function templateParams(template: NoticeTemplate): string[] {
  return [...noticeTemplates[template].text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
}

const ID_NUMBER_LIKE = /\d{15}|\d{17}[\dXx]/;
const PHONE_LIKE = /1[3-9]\d{9}/;

/**
 * Refuses parameters that are missing, extra, or look like personal data (an ID number, a phone
 * number, an unmasked name in `maskedName`). Throws with the parameter name only, never its value.
 */
export function checkParams(template: NoticeTemplate, params: Record<string, string>): void {
  const names = templateParams(template);
  for (const name of names) {
    if (typeof params[name] !== 'string') throw new Error(`notice ${template}: parameter ${name} missing`);
  }
  for (const [name, value] of Object.entries(params)) {
    if (!names.includes(name)) throw new Error(`notice ${template}: unknown parameter ${name}`);
    if (ID_NUMBER_LIKE.test(value) || PHONE_LIKE.test(value)) {
      throw new Error(`notice ${template}: parameter ${name} looks like an ID or phone number`);
    }
    if (value.length > 40) throw new Error(`notice ${template}: parameter ${name} over 40 characters`);
    if (name === 'maskedName' && !value.includes('*')) {
      throw new Error(`notice ${template}: maskedName is not masked`);
    }
  }
}

/** The text the phone shows: signature, rendered template and, for notices, the opt-out line. */
export function renderNotice(template: NoticeTemplate, params: Record<string, string>, signName: string): string {
  const body = noticeTemplates[template].text.replace(/\$\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  return `【${signName}】${body}${template === 'smsCode' ? '' : OPT_OUT_SUFFIX}`;
}
