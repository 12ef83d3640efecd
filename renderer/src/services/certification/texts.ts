/** The certification service's texts, in both locales: short, plain sentences an older person can follow. */
import type { LivenessAction } from '../../../../contracts';
import type { QualityProblem } from '../../face/engine-types';
import type { Locale } from '../../i18n/locale';
import type { FailureReason } from './steps';

export interface CertificationTexts {
  title: string;
  hint: string;
  loading: string;
  date(iso: string): string;
  due(date: string | null): string;
  overdue(date: string): string;
  certified(date: string): string;
  notReceiving: string;
  notEnrolled: string;
  howItWorks: string;
  start: string;
  reprint: string;
  preparing: string;
  /** Said and shown while the screen lights the face with the server's colour sequence. */
  lightNotice: string;
  quality: Record<QualityProblem | 'ok', string>;
  action: Record<LivenessAction, string>;
  step(index: number, of: number): string;
  seconds(n: number): string;
  analysing: string;
  submitting: string;
  passedTitle: string;
  passed(nextDue: string): string;
  printing: string;
  printed: string;
  printFailed: string;
  reprinted: string;
  failedTitle: string;
  reason: Record<NonNullable<FailureReason>, string>;
  attemptsLeft(n: number): string;
  tryAgain: string;
  noAttemptsTitle: string;
  noAttempts: string;
  /** The same screen for a person with no enrolled face (no attempt can pass here). */
  noReferenceTitle: string;
  /** The ways on when the face check cannot be done here: a ticket now, a home visit, the hotline. */
  wayOut: {
    ticketHeading: string;
    ticket: string;
    ticketButton: string;
    homeVisitHeading: string;
    homeVisitHow: string;
    speech: string;
  };
  cameraUnavailable: string;
  error: string;
  done: string;
}

const zhCN: CertificationTexts = {
  title: '养老金资格认证',
  hint: '刷脸认证，每年一次',
  loading: '正在查询您的认证情况，请稍候。',
  date: (iso) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`,
  due: (date) => (date ? `您今年的认证还没有做，请在${date}之前完成。` : '您还没有做过认证，现在就可以做。'),
  overdue: (date) => `您的认证已在${date}到期，请现在认证，以免暂停发放养老金。`,
  certified: (date) => `您本年度已经认证过了，不用再认证。下次请在${date}之前认证。`,
  notReceiving: '您目前没有领取养老金，不需要认证。',
  notEnrolled: '您还没有登记人脸信息，不能在这里刷脸认证。请到人工窗口办理。',
  howItWorks: '请看着屏幕，按提示眨眼、张嘴或转头。整个过程大约半分钟。',
  start: '开始刷脸认证',
  reprint: '补打认证回执',
  preparing: '正在打开摄像头，请稍候。',
  lightNotice: '屏幕会变换颜色，请保持不动',
  quality: {
    ok: '很好，请保持不动。',
    noFace: '请把脸对准屏幕上的框。',
    manyFaces: '请只留您一个人在镜头前。',
    tooFar: '请靠近一点。',
    notFrontal: '请正对屏幕。',
    tooDark: '请到光线亮一点的地方。',
    notCentered: '请把脸移到框的中间。',
  },
  action: {
    blink: '请眨眨眼',
    openMouth: '请张张嘴',
    turnLeft: '请慢慢向左转头',
    turnRight: '请慢慢向右转头',
  },
  step: (index, of) => `第 ${index} 步，共 ${of} 步`,
  seconds: (n) => `还剩 ${n} 秒`,
  analysing: '好的，请稍候。',
  submitting: '正在核对，请稍候。',
  passedTitle: '认证成功',
  passed: (date) => `下次请在${date}之前认证。`,
  printing: '正在打印回执，请稍候。',
  printed: '回执已打印，请从下方出纸口取走。',
  printFailed: '回执没有打印出来。认证已经成功，不影响领取养老金。',
  reprinted: '回执已补打，请从下方出纸口取走。',
  failedTitle: '这次没有成功',
  reason: {
    noMatch: '没能确认是您本人。请摘下帽子和眼镜，正对屏幕再试一次。',
    livenessIncomplete: '没有看到您完成动作。请跟着提示慢慢做。',
    inconsistentFace: '镜头前的人有变化。请只留您一个人在镜头前。',
    noReference: '您还没有登记人脸信息，请到人工窗口办理认证。',
    lightMismatch: '没能确认镜头前是您本人。请正对屏幕，不要用照片或视频。',
    implausibleEvidence: '这次的画面没能通过检查。请正对屏幕再试一次。',
    replayedEvidence: '这次的画面没能通过检查。请正对屏幕再试一次。',
    actionTimeout: '没有看到您完成动作。请跟着提示慢慢做。',
    noFace: '没有看到您的脸。请对准屏幕上的框。',
    cancelled: '认证已取消。',
    cameraUnavailable: '摄像头不能使用。',
    modelsUnavailable: '认证程序没有准备好。',
  },
  attemptsLeft: (n) => `您还可以再试 ${n} 次。`,
  tryAgain: '再试一次',
  noAttemptsTitle: '请到窗口办理',
  noAttempts: '今天的刷脸认证次数已经用完。请到人工窗口办理认证。',
  noReferenceTitle: '请到窗口办理',
  wayOut: {
    ticketHeading: '到窗口认证',
    ticket: '现在就可以取一张窗口的排队号，窗口工作人员会帮您办理认证。请带好身份证或社保卡。',
    ticketButton: '现在取号',
    homeVisitHeading: '不方便来大厅？申请上门认证',
    homeVisitHow:
      '行动不便的老人，家人可以拨打 12333，或到人工窗口说明情况，申请上门认证。工作人员会约好时间到家里为老人认证，请准备好老人的身份证或社保卡。',
    speech: '可以点击现在取号，到窗口办理认证。不方便来大厅的，可以拨打 12333 申请上门认证。',
  },
  cameraUnavailable: '摄像头现在不能使用，无法刷脸认证。请到人工窗口办理认证。',
  error: '现在无法认证，请稍后再试，或到人工窗口办理。',
  done: '完成',
};

const en: CertificationTexts = {
  title: 'Pension check',
  hint: 'Face check, once a year',
  loading: 'Checking your certification, please wait.',
  date: (iso) => iso,
  due: (date) =>
    date ? `Your yearly certification is due by ${date}.` : 'You have not been certified yet. You can do it now.',
  overdue: (date) => `Your certification lapsed on ${date}. Please certify now so your pension is not paused.`,
  certified: (date) => `You are already certified this year. Next time, certify by ${date}.`,
  notReceiving: 'You do not receive a pension, so there is nothing to certify.',
  notEnrolled: 'No face is on record for you, so the face check cannot be done here. Please go to a window.',
  howItWorks:
    'Look at the screen and blink, open your mouth or turn your head when asked. It takes about half a minute.',
  start: 'Start the face check',
  reprint: 'Print the receipt again',
  preparing: 'Opening the camera, please wait.',
  lightNotice: 'The screen will change colour. Please hold still.',
  quality: {
    ok: 'Good, hold still.',
    noFace: 'Please put your face in the frame.',
    manyFaces: 'Only one person in front of the camera, please.',
    tooFar: 'Please come a little closer.',
    notFrontal: 'Please face the screen.',
    tooDark: 'Please move somewhere brighter.',
    notCentered: 'Please move your face to the middle of the frame.',
  },
  action: {
    blink: 'Please blink',
    openMouth: 'Please open your mouth',
    turnLeft: 'Please turn your head slowly to the left',
    turnRight: 'Please turn your head slowly to the right',
  },
  step: (index, of) => `Step ${index} of ${of}`,
  seconds: (n) => `${n} seconds left`,
  analysing: 'Good, please wait.',
  submitting: 'Checking, please wait.',
  passedTitle: 'Certified',
  passed: (date) => `Next time, certify by ${date}.`,
  printing: 'Printing your receipt, please wait.',
  printed: 'Your receipt is printed. Please take it from the slot below.',
  printFailed: 'The receipt could not be printed. You are certified all the same.',
  reprinted: 'Your receipt is printed again. Please take it from the slot below.',
  failedTitle: 'That did not work',
  reason: {
    noMatch: 'We could not confirm it is you. Take off hat and glasses, face the screen and try again.',
    livenessIncomplete: 'We did not see the movement. Please follow the prompts slowly.',
    inconsistentFace: 'The person in front of the camera changed. Only you, please.',
    noReference: 'No face is on record for you. Please go to a window.',
    lightMismatch: 'We could not confirm it is you in front of the camera. Face the screen; no photos or videos.',
    implausibleEvidence: 'The pictures did not pass the check. Please face the screen and try again.',
    replayedEvidence: 'The pictures did not pass the check. Please face the screen and try again.',
    actionTimeout: 'We did not see the movement. Please follow the prompts slowly.',
    noFace: 'We could not see your face. Please look into the frame.',
    cancelled: 'Cancelled.',
    cameraUnavailable: 'The camera cannot be used.',
    modelsUnavailable: 'The face check is not ready.',
  },
  attemptsLeft: (n) => `You can try ${n} more time${n === 1 ? '' : 's'}.`,
  tryAgain: 'Try again',
  noAttemptsTitle: 'Please go to a window',
  noAttempts: 'No face checks are left for today. Please go to a staffed window.',
  noReferenceTitle: 'Please go to a window',
  wayOut: {
    ticketHeading: 'Certify at a window',
    ticket:
      'You can take a queue number for a window now; the staff there will certify you. Please bring your ID card or social security card.',
    ticketButton: 'Take a number now',
    homeVisitHeading: 'Cannot come to the hall? Ask for a home visit',
    homeVisitHow:
      'For someone who cannot get about, family can call 12333 or explain at a staffed window to ask for a home visit (上门认证). Staff will agree a time and certify at home; have the ID card or social security card ready.',
    speech:
      'You can tap Take a number now to certify at a window. If you cannot come to the hall, call 12333 to ask for a home visit.',
  },
  cameraUnavailable: 'The camera cannot be used right now. Please go to a staffed window.',
  error: 'Certification is not possible right now. Please try later or go to a window.',
  done: 'Done',
};

export const certificationTexts: Record<Locale, CertificationTexts> = { 'zh-CN': zhCN, en };
