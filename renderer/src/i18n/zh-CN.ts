/** Chinese UI text, the reference locale: en.ts must have exactly these keys (checked by tsc). */
import type { EnrollmentStatus, IdentifiedBy, InsuranceType, SessionEndReason } from '../../../contracts';
import type { ScreenErrorCode } from '../state/machine';

const pad2 = (n: number) => String(n).padStart(2, '0');

export const zhCN = {
  documentTitle: '人社自助服务终端',
  hallFallback: '人社服务大厅',
  selfService: '自助服务终端',
  controls: {
    /** The language switch shows the language it switches to, in that language. */
    otherLanguage: 'English',
    otherLanguageLang: 'en',
    mute: '关闭语音',
    unmute: '打开语音',
  },
  attract: {
    heading: '请将身份证放在读卡区',
    hint: '身份证平放在读卡区，放好后请稍候，不要移动',
    eCardHint: '也可以扫描电子社保卡二维码',
    /** No way in works at all (ID card reader, social security card reader and scanner all failed). */
    readerFailed: '读卡设备暂时无法使用，请到人工窗口办理',
    /** The ID card reader is down but the social security card or the e-card still work. */
    withoutIdCard: {
      heading: (ssCard: boolean, eCard: boolean): string =>
        ssCard && eCard
          ? '身份证读卡器暂时无法使用，请插入社保卡，或扫描电子社保卡'
          : ssCard
            ? '身份证读卡器暂时无法使用，请插入社保卡'
            : '身份证读卡器暂时无法使用，请扫描电子社保卡二维码',
      stillWorks: (ssCard: boolean, eCard: boolean) =>
        `${ssCard && eCard ? '社保卡、电子社保卡' : ssCard ? '社保卡' : '电子社保卡'}可以正常使用，下面的业务都能办理。`,
    },
    serverUnreachable: '系统暂时连接不上，请稍后再试，或到人工窗口办理',
    /** Services paused because a device failed; each goes away by itself when the device is back. */
    deviceNotices: {
      label: '暂停的服务',
      receiptPrinter: {
        paperOut: '小票打印机缺纸，暂停打印小票；排队号显示在屏幕上',
        coverOpen: '小票打印机仓盖打开，暂停打印小票；排队号显示在屏幕上',
        disconnected: '小票打印机未连接，暂停打印小票；排队号显示在屏幕上',
        other: '小票打印机暂时无法使用，暂停打印小票；排队号显示在屏幕上',
      },
      a4Printer: {
        paperOut: 'A4 打印机缺纸，暂停打印证明材料',
        disconnected: 'A4 打印机未连接，暂停打印证明材料',
        other: 'A4 打印机暂时无法使用，暂停打印证明材料',
      },
      ssCardReader: '社保卡读卡器暂时无法使用，请使用身份证',
      qrScanner: '扫码器暂时无法使用，暂停扫码服务',
    },
    /** After 退出 or a timeout with the card still in the reader. */
    cardLeft: {
      take: { idCard: '请取走您的身份证', ssCard: '请取走您的社保卡' },
      use: { idCard: '还要办理？点这里继续用这张身份证', ssCard: '还要办理？点这里继续用这张社保卡' },
      speech: {
        idCard: '请取走您的身份证。如果还要办理，请点击屏幕上的继续按钮。',
        ssCard: '请取走您的社保卡。如果还要办理，请点击屏幕上的继续按钮。',
      },
    },
    ended: {
      exit: '您已退出，个人信息已从屏幕清除。',
      timeout: '因长时间未操作，已自动退出，个人信息已从屏幕清除。',
      cardRemoved: '卡已取出，已退出，个人信息已从屏幕清除。',
      outOfService: '本机暂停服务，已为您退出。',
      error: '系统出现问题，已为您退出。',
    } satisfies Record<SessionEndReason, string>,
  },
  recovering: {
    title: '正在恢复',
    body: '请稍候，马上回到首页',
    note: '您刚才办理的内容已清除，需要时请重新插卡',
  },
  loading: {
    starting: '正在启动，请稍候',
    summary: '正在查询您的参保信息，请稍候',
  },
  session: {
    remaining: (seconds: number) => `剩余 ${seconds} 秒`,
    exit: '退出',
  },
  home: {
    /** Around the person's name in the greeting: "张三，您好". */
    greeting: { before: '', after: '，您好' },
    idNumber: '身份证号',
    /**
     * Spoken aloud in a public hall, so it does not say the person's name; it names the card that
     * opened the session (an e-card session has no card to take).
     */
    speech: {
      idCard: '您好，下面是您的参保信息。办理完毕请点击退出，并取走身份证。',
      ssCard: '您好，下面是您的参保信息。办理完毕请点击退出，并取走社保卡。',
      eSsCard: '您好，下面是您的参保信息。办理完毕请点击退出。',
    } satisfies Record<IdentifiedBy, string>,
    summaryHeading: '我的参保信息',
    noEnrollments: '暂无参保记录，请到人工窗口咨询。',
    contributionYears: '养老保险累计缴费',
    yearsAndMonths: (years: number, months: number) => `${years} 年 ${months} 个月`,
    pensionAccount: '养老保险个人账户',
    medicalAccount: '医保个人账户',
    monthlyPension: '每月养老金',
    asOfPeriod: (period: string) => `截至 ${period.slice(0, 4)} 年 ${Number(period.slice(4))} 月`,
    asOfDate: (date: string) =>
      `截至 ${date.slice(0, 4)} 年 ${Number(date.slice(5, 7))} 月 ${Number(date.slice(8))} 日`,
    columns: {
      insuranceType: '险种',
      status: '参保状态',
      startDate: '参保时间',
      place: '参保地 / 单位',
      paidMonths: '已缴月数',
    },
    startDate: (date: string) => `${date.slice(0, 4)}年${pad2(Number(date.slice(5, 7)))}月`,
    paidMonths: (months: number) => `${months} 个月`,
    arrears: (months: number) => `欠费 ${months} 个月`,
    arrearsEach: (months: number) => `各欠费 ${months} 个月`,
    /** The headline at the top of home when any insurance type is in arrears; `items` lists them. */
    arrearsHeadline: {
      title: (items: string) => `您有欠费未缴：${items}`,
      howHere: '可以在本机缴费，请点击“去缴费”。',
      howWindow: '请到人工窗口缴费，或拨打 12333 咨询。',
      pay: '去缴费',
      speech: (items: string) => `请注意，您有欠费未缴：${items}。`,
      separator: '、',
      employerTitle: (items: string) => `单位欠缴：${items}`,
      employerHow: (employers: string) =>
        `这是${employers}应缴的费用，本机不能缴。请联系单位，或到人工窗口咨询，也可拨打 12333。`,
      employerSpeech: (items: string, employers: string) =>
        `请注意，${employers}欠缴您的${items}，请联系单位或到人工窗口咨询。`,
    },
    done: {
      idCard: '办理完毕请点击“退出”，并取走身份证',
      ssCard: '办理完毕请点击“退出”，并取走社保卡',
      eSsCard: '办理完毕请点击“退出”',
    } satisfies Record<IdentifiedBy, string>,
  },
  money: (yuan: string) => `${yuan} 元`,
  services: {
    /** One step back inside a screen; every screen's step back says this and only this. */
    back: '返回',
    /** The service frame's button: leave the service for the home screen (or the start screen). */
    home: '回到首页',
    /** Tile groups on the start screen and on the home screen. */
    noCardHeading: '无需插卡',
    withCardHeading: '插卡办理',
    homeHeading: '办理业务',
    /** The start screen after a tile that needs a card was tapped. */
    awaiting: (title: string) => `办理“${title}”，请先放置身份证或社保卡，或扫描电子社保卡`,
    idleBody: (seconds: number) => `${seconds} 秒后返回首页`,
  },
  timeout: {
    heading: '您还在吗？',
    body: (seconds: number) => `${seconds} 秒后将自动退出`,
    continue: '继续办理',
    speech: '您还在吗？如需继续，请点击继续办理。',
  },
  error: {
    heading: '抱歉，暂时无法办理',
    back: '返回首页',
    autoReturn: (seconds: number) => `${seconds} 秒后自动返回首页`,
    hotline: (hotline: string) => `如需帮助，请拨打服务热线${hotline}，或到人工窗口咨询`,
    hotlineLabel: '服务热线',
    codes: {
      invalidRequest: '操作没有完成，请返回首页重新开始。',
      unauthorized: '本机暂时无法使用，请到人工窗口办理。',
      forbidden: '这项业务不能在本机办理，请到人工窗口咨询。',
      secondFactorRequired: '查看明细需要先验证是您本人：输入社保卡密码，或刷脸。',
      notFound: '没有查到相关信息，请到人工窗口咨询。',
      noSession: '您已退出，请重新放置身份证。',
      sessionExpired: '因长时间未操作，已经退出，请重新放置身份证。',
      personNotFound: '未查到您的参保信息，请到人工窗口咨询。',
      cardInvalid: '这张证件无法使用，请确认是本人有效的居民身份证。',
      cardReadFailed: '没有读出身份证信息，请取出身份证，重新平放在读卡区。',
      eCardExpired: '电子社保卡二维码已过期，请在手机上刷新二维码后重新扫描。',
      eCardInvalid: '无法识别该二维码，请出示电子社保卡二维码，或使用身份证。',
      serverUnreachable: '系统暂时连接不上，请稍后再试，或到人工窗口办理。',
      deviceFailed: '设备暂时出现故障，请到人工窗口办理。',
      outOfService: '本机暂停服务，请到人工窗口办理。',
      rateLimited: '操作太频繁了，请稍等一会儿再试。',
      ticketLimit: '您今天已经取过这项业务的号了，请留意叫号。',
      slotFull: '这个时段已经约满了，请选择其他时段。',
      appointmentLimit: '您这一天已经预约过这项业务了，可以改约或取消后再约。',
      bookingBlocked: '您近期多次预约未到，暂时不能预约，可以直接取号排队。',
      slotClosed: '这个时段已经不能预约了，请选择其他时段。',
      conflict: '现在无法办理，请稍后再试。',
      paymentCodeInvalid: '这不是付款码，请在手机上打开付款码，对准扫描口。',
      amountLimit: '金额超过本机可缴的上限，请分次缴纳，或到人工窗口办理。',
      notPayable: '这一项现在不能在自助机缴纳，请到人工窗口咨询。',
      alreadyPaid: '这一项已经缴过了，不需要再缴。',
      payerCheckFailed: '不能为这位家人代缴，请到人工窗口咨询。',
      providerUnavailable: '支付通道暂时连接不上，没有扣款，请稍后再试。',
      orderExpired: '缴费时间已过，没有扣款，请重新开始。',
      internal: '系统出了点问题，请稍后再试，或到人工窗口办理。',
    } satisfies Record<ScreenErrorCode, string>,
  },
  outOfService: {
    heading: '本机暂停服务',
    body: '请使用其他自助服务终端，或到人工窗口办理。',
    /** One terminal in service: the sentence around its location. */
    goToOneBefore: '请到',
    goToOneAfter: '办理。',
    goToSeveral: '请到以下自助服务终端办理：',
    orWindow: '也可以到人工窗口办理。',
    windowHours: (hours: string) => `人工窗口办理时间：${hours}`,
  },
  insuranceTypes: {
    employeePension: '企业职工基本养老保险',
    residentPension: '城乡居民基本养老保险',
    publicSectorPension: '机关事业单位养老保险',
    employeeMedical: '职工基本医疗保险',
    residentMedical: '城乡居民基本医疗保险',
    unemployment: '失业保险',
    workInjury: '工伤保险',
    maternity: '生育保险',
  } satisfies Record<InsuranceType, string>,
  statuses: {
    active: '参保缴费',
    suspended: '暂停缴费',
    terminated: '终止参保',
    receiving: '享受待遇',
  } satisfies Record<EnrollmentStatus, string>,
};

/** The shape every locale file has. */
export type Messages = typeof zhCN;
