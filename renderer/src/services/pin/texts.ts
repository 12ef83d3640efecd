/** Texts of the PIN step. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  heading: '请输入社保卡密码',
  hint: '密码是 6 位数字。输入时请用手遮挡。',
  speech: '查看明细需要验证本人，请输入社保卡密码，输完后点确定。',
  digitsTyped: (n: number) => `已输入 ${n} 位`,
  ok: '确定',
  backspace: '删除',
  clear: '清空',
  cancel: '不查了，返回',
  checking: '正在核对密码，请稍候',
  wrong: (tries: number) => `密码不对，还可以再试 ${tries} 次。`,
  wrongSpeech: (tries: number) => `密码不对，还可以再试${tries}次。`,
  locked: '这张社保卡的密码已经锁定，本机不能再输入。请带上社保卡和身份证到人工窗口解锁，或拨打 12333 咨询。',
  noCard: '社保卡已经拔出。请把社保卡插回卡口，再输入密码。',
  notAvailableHeading: '查看明细需要验证本人',
  notAvailable:
    '您是用身份证或电子社保卡登录的。刷脸验证很快会和“生存认证”一起开通。现在请插入社保卡并输入密码，或到人工窗口办理。',
};

const en: typeof zhCN = {
  heading: 'Please enter your social security card PIN',
  hint: 'The PIN has 6 digits. Cover the keypad with your hand.',
  speech: 'To see the details we need to check it is you. Enter your card PIN, then tap OK.',
  digitsTyped: (n) => `${n} digits entered`,
  ok: 'OK',
  backspace: 'Delete',
  clear: 'Clear',
  cancel: 'Go back',
  checking: 'Checking the PIN, please wait',
  wrong: (tries) => `Wrong PIN. You can try ${tries} more time${tries === 1 ? '' : 's'}.`,
  wrongSpeech: (tries) => `Wrong PIN. ${tries} tries left.`,
  locked:
    'The PIN of this card is locked and cannot be entered here. Please bring the card and your ID card to a service window, or call 12333.',
  noCard: 'The social security card was taken out. Please put it back in, then enter the PIN.',
  notAvailableHeading: 'We need to check it is you',
  notAvailable:
    'You signed in with an ID card or the e-card. Face check will come soon with pension certification. For now, please insert your social security card and enter its PIN, or go to a service window.',
};

export const pinTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };
