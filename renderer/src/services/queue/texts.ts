/** The ticket screen's words, in both locales. */
import type { Locale } from '../../i18n/locale';

const zhCN = {
  title: '排队取号',
  hint: '到人工窗口办事，先取号',
  choose: '请选择您要办理的业务',
  chooseSpeech: '请点击您要办理的业务，取一张排队号。',
  waiting: (n: number) => (n === 0 ? '现在没有人在等' : `${n} 人在等`),
  wait: (min: number) => (min <= 1 ? '马上就能办' : `约等 ${min} 分钟`),
  loading: '正在查询，请稍候……',
  issuing: (name: string) => `正在为您取「${name}」的号，请稍候……`,
  issuingSpeech: '正在为您取号，请稍候。',
  takeIt: '请取走您的号票',
  yourNumber: '您的号码',
  ahead: (n: number) => (n === 0 ? '前面没有人，请留意叫号' : `前面还有 ${n} 人`),
  estimated: (min: number) => (min <= 1 ? '马上轮到您' : `预计等候约 ${min} 分钟`),
  forPerson: '这张号已记在您名下。',
  listen: '号票从下方出票口出来。请在大厅等候，留意屏幕和广播叫号。',
  printedSpeech: (number: string, ahead: number) =>
    `您的号码是 ${number.split('').join(' ')}。请从下方出票口取走号票。${ahead === 0 ? '前面没有人。' : `前面还有 ${ahead} 人。`}`,
  notPrinted: '号票没有打印出来',
  stillValid: '您的号码仍然有效，请记住这个号码。',
  notPrintedSpeech: (number: string) =>
    `号票没有打印出来。您的号码是 ${number.split('').join(' ')}，仍然有效。可以点击重新打印。`,
  reprint: '重新打印',
  reprinting: '正在重新打印……',
  done: '完成',
  retry: '再试一次',
  backToList: '返回业务列表',
  notIssued: '没有取到号',
  printerReasons: {
    paperOut: '打印机没有纸了。',
    coverOpen: '打印机的盖子没有关好。',
  } as Record<string, string>,
  printerOther: '打印机暂时出了问题。',
  askStaff: '也可以请大厅工作人员帮您。',
  noPaperTile: '缺纸：号码显示在屏幕上',
  noPaperChoose: '打印机缺纸，取号后号码显示在屏幕上，可以用手机扫码跟踪叫号。',
  follow: '用手机扫这个二维码，可以随时查看叫号进度',
  followLabel: (number: string) => `号码 ${number} 的叫号进度二维码`,
  notPrintedFollowSpeech: '也可以用手机扫屏幕上的二维码，查看叫号进度。',
};

export type QueueTexts = typeof zhCN;

const en: QueueTexts = {
  title: 'Queue ticket',
  hint: 'Take a number for a staffed window',
  choose: 'Choose the service you need',
  chooseSpeech: 'Tap the service you need to take a queue number.',
  waiting: (n) => (n === 0 ? 'Nobody waiting now' : `${n} waiting`),
  wait: (min) => (min <= 1 ? 'Almost no wait' : `About ${min} min`),
  loading: 'Checking, please wait…',
  issuing: (name) => `Taking a number for “${name}”, please wait…`,
  issuingSpeech: 'Taking your number, please wait.',
  takeIt: 'Please take your ticket',
  yourNumber: 'Your number',
  ahead: (n) => (n === 0 ? 'Nobody ahead of you: listen for your number' : `${n} ahead of you`),
  estimated: (min) => (min <= 1 ? 'You are next' : `About ${min} minutes`),
  forPerson: 'This number is kept under your name.',
  listen: 'The ticket comes out of the slot below. Please wait in the hall and watch the screen for your number.',
  printedSpeech: (number, ahead) =>
    `Your number is ${number}. Please take the ticket from the slot below. ${ahead} ahead of you.`,
  notPrinted: 'The ticket did not print',
  stillValid: 'Your number is still valid. Please remember it.',
  notPrintedSpeech: (number) => `The ticket did not print. Your number is ${number} and it is still valid.`,
  reprint: 'Print again',
  reprinting: 'Printing again…',
  done: 'Done',
  retry: 'Try again',
  backToList: 'Back to services',
  notIssued: 'No number was taken',
  printerReasons: {
    paperOut: 'The printer is out of paper.',
    coverOpen: 'The printer cover is open.',
  },
  printerOther: 'The printer has a problem.',
  askStaff: 'Hall staff can also help you.',
  noPaperTile: 'No paper: number on screen',
  noPaperChoose:
    'The printer is out of paper. Your number will be shown on screen, and you can follow it on your phone.',
  follow: 'Scan this QR code with your phone to follow your number',
  followLabel: (number) => `QR code to follow number ${number}`,
  notPrintedFollowSpeech: 'You can also scan the QR code on the screen with your phone to follow your number.',
};

export const queueTexts: Record<Locale, QueueTexts> = { 'zh-CN': zhCN, en };
