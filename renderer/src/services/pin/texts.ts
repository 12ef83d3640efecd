/** Texts of the second-factor step: the card PIN and the face check. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  heading: '请输入社保卡密码',
  hint: '密码是 6 位数字。输入时请用手遮挡。',
  speech: '查看明细需要验证本人，请输入社保卡密码，输完后点确定。',
  digitsTyped: (n: number) => `已输入 ${n} 位`,
  ok: '确定',
  backspace: '删除',
  clear: '清空',
  /** Back to the service's menu, the same "返回" as every step back. */
  cancel: '返回',
  checking: '正在核对密码，请稍候',
  wrong: (tries: number) => `密码不对，还可以再试 ${tries} 次。`,
  wrongSpeech: (tries: number) => `密码不对，还可以再试${tries}次。`,
  locked: '这张社保卡的密码已经锁定，本机不能再输入。请带上社保卡和身份证到人工窗口解锁，或拨打 12333 咨询。',
  noCard: '社保卡已经拔出。请把社保卡插回卡口，再输入密码。',
  notAvailableHeading: '查看明细需要验证本人',
  notAvailable:
    '您是用身份证或电子社保卡登录的，系统里还没有您的人脸信息，不能刷脸验证。请插入社保卡并输入密码，或带身份证到人工窗口办理。',
  useFace: '忘记密码？刷脸验证',
  usePin: '改用社保卡密码',
  faceHeading: '刷脸验证本人',
  faceIntro: '查看明细需要确认是您本人。请摘下帽子和口罩，正对屏幕，跟着提示眨眨眼、张张嘴，大约半分钟。',
  faceStart: '开始刷脸',
  faceLeft: (n: number) => `今天还可以刷脸 ${n} 次。`,
  facePassed: '验证通过',
  faceFailedTitle: '这次没有验证通过',
  faceNoneLeftTitle: '今天不能再刷脸了',
  faceNoneLeft: '刷脸验证的次数已经用完。请插入社保卡并输入密码，或带身份证到人工窗口办理。',
  faceNoneLeftCard: '刷脸验证的次数已经用完。请输入社保卡密码，或带身份证到人工窗口办理。',
  faceCamera: '摄像头现在不能使用，不能刷脸验证。请插入社保卡并输入密码，或到人工窗口办理。',
  faceError: '现在不能刷脸验证，请稍后再试，或到人工窗口办理。',
  padHeading: '请在读卡器键盘上输入密码',
  padHint: '在插社保卡的读卡器上，用它的小键盘输入 6 位密码，再按确认键。屏幕上不显示密码。',
  padSpeech: '查看明细需要验证本人。请在读卡器的小键盘上输入社保卡密码，再按确认键。',
  padStopped: '读卡器没有收到密码（按了取消，或等待太久）。',
  padRetry: '再输一次',
};

const en: typeof zhCN = {
  heading: 'Please enter your social security card PIN',
  hint: 'The PIN has 6 digits. Cover the keypad with your hand.',
  speech: 'To see the details we need to check it is you. Enter your card PIN, then tap OK.',
  digitsTyped: (n) => `${n} digits entered`,
  ok: 'OK',
  backspace: 'Delete',
  clear: 'Clear',
  cancel: 'Back',
  checking: 'Checking the PIN, please wait',
  wrong: (tries) => `Wrong PIN. You can try ${tries} more time${tries === 1 ? '' : 's'}.`,
  wrongSpeech: (tries) => `Wrong PIN. ${tries} tries left.`,
  locked:
    'The PIN of this card is locked and cannot be entered here. Please bring the card and your ID card to a service window, or call 12333.',
  noCard: 'The social security card was taken out. Please put it back in, then enter the PIN.',
  notAvailableHeading: 'We need to check it is you',
  notAvailable:
    'You signed in with an ID card or the e-card, and no face is on record for you, so a face check is not possible. Please insert your social security card and enter its PIN, or bring your ID card to a service window.',
  useFace: 'Forgot the PIN? Use your face',
  usePin: 'Use the card PIN instead',
  faceHeading: 'Face check',
  faceIntro:
    'We need to check it is you. Take off hat and mask, face the screen, and blink or open your mouth when asked. It takes about half a minute.',
  faceStart: 'Start the face check',
  faceLeft: (n) => `You can try ${n} more time${n === 1 ? '' : 's'} today.`,
  facePassed: 'Checked',
  faceFailedTitle: 'That did not work',
  faceNoneLeftTitle: 'No more face checks today',
  faceNoneLeft:
    'No face checks are left. Please insert your social security card and enter its PIN, or bring your ID card to a service window.',
  faceNoneLeftCard: 'No face checks are left. Please enter your card PIN, or bring your ID card to a service window.',
  faceCamera:
    'The camera cannot be used right now. Please insert your social security card and enter its PIN, or go to a service window.',
  faceError: 'The face check is not possible right now. Please try later or go to a service window.',
  padHeading: 'Please enter the PIN on the card reader’s keypad',
  padHint:
    'Use the small keypad on the reader holding your card: type the 6-digit PIN, then press its OK key. The PIN is not shown on the screen.',
  padSpeech: 'We need to check it is you. Type your card PIN on the card reader’s keypad, then press its OK key.',
  padStopped: 'The reader did not get a PIN (cancel was pressed, or it waited too long).',
  padRetry: 'Try again',
};

export const pinTexts: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };
