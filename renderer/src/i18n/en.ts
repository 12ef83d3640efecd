/** English UI text: typed as `Messages`, so a missing or extra key fails tsc. */
import type { Messages } from './zh-CN';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = (mm: string) => monthNames[Number(mm) - 1] ?? mm;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en: Messages = {
  documentTitle: 'HRSS self-service kiosk',
  hallFallback: 'HRSS service hall',
  selfService: 'Self-service kiosk',
  controls: {
    otherLanguage: '中文',
    otherLanguageLang: 'zh-CN',
    mute: 'Voice off',
    unmute: 'Voice on',
  },
  attract: {
    heading: 'Place your ID card on the reader',
    hint: 'Keep it flat and still until your details appear',
    eCardHint: 'Or scan your e-card QR code on the scanner',
    readerFailed: 'The card readers are not working right now. Please go to a staffed window.',
    withoutIdCard: {
      heading: (ssCard, eCard) =>
        ssCard && eCard
          ? 'The ID card reader is not working. Please insert your social security card, or scan your electronic social security card'
          : ssCard
            ? 'The ID card reader is not working. Please insert your social security card'
            : 'The ID card reader is not working. Please scan your electronic social security card QR code',
      stillWorks: (ssCard, eCard) =>
        ssCard && eCard
          ? 'The social security card and the e-card still work, so every service below can be used.'
          : `The ${ssCard ? 'social security card' : 'electronic social security card'} still works, so every service below can be used.`,
    },
    serverUnreachable: 'The system cannot connect right now. Please try again later or go to a staffed window.',
    deviceNotices: {
      label: 'Paused services',
      receiptPrinter: {
        paperOut: 'The receipt printer is out of paper. Receipts are paused; queue numbers are shown on screen.',
        coverOpen: 'The receipt printer cover is open. Receipts are paused; queue numbers are shown on screen.',
        disconnected: 'The receipt printer is not connected. Receipts are paused; queue numbers are shown on screen.',
        other: 'The receipt printer is not working right now. Receipts are paused; queue numbers are shown on screen.',
      },
      a4Printer: {
        paperOut: 'The A4 printer is out of paper. Printing certificates is paused.',
        disconnected: 'The A4 printer is not connected. Printing certificates is paused.',
        other: 'The A4 printer is not working right now. Printing certificates is paused.',
      },
      ssCardReader: 'The social security card reader is not working right now. Please use your ID card.',
      qrScanner: 'The code scanner is not working right now. Scanning is paused.',
    },
    cardLeft: {
      take: { idCard: 'Please take your ID card', ssCard: 'Please take your social security card' },
      use: {
        idCard: 'Not done yet? Tap here to use this ID card again',
        ssCard: 'Not done yet? Tap here to use this social security card again',
      },
      speech: {
        idCard: 'Please take your ID card. If you are not done yet, tap the button on the screen.',
        ssCard: 'Please take your social security card. If you are not done yet, tap the button on the screen.',
      },
    },
    ended: {
      exit: 'You have signed out. Your details have been cleared from the screen.',
      timeout: 'You were signed out after a period of inactivity. Your details have been cleared.',
      cardRemoved: 'The card was removed, so you have been signed out.',
      outOfService: 'This kiosk is now out of service, so you have been signed out.',
      error: 'Something went wrong, so you have been signed out.',
    },
  },
  recovering: {
    title: 'Recovering',
    body: 'One moment, going back to the start',
    note: 'What you were doing has been cleared; insert your card again if needed',
  },
  loading: {
    starting: 'Starting, please wait',
    summary: 'Looking up your insurance records, please wait',
  },
  session: {
    remaining: (seconds) => `${seconds} s left`,
    exit: 'Sign out',
  },
  home: {
    greeting: { before: 'Hello, ', after: '' },
    idNumber: 'ID number',
    speech: {
      idCard: 'Hello. Here are your insurance records. When you are done, press Sign out and take your ID card.',
      ssCard:
        'Hello. Here are your insurance records. When you are done, press Sign out and take your social security card.',
      eSsCard: 'Hello. Here are your insurance records. When you are done, press Sign out.',
    },
    summaryHeading: 'My social insurance',
    noEnrollments: 'No insurance records found. Please ask at a staffed window.',
    contributionYears: 'Pension contributions paid',
    yearsAndMonths: (years, months) => `${plural(years, 'year', 'years')} ${plural(months, 'month', 'months')}`,
    pensionAccount: 'Pension account',
    medicalAccount: 'Medical account',
    monthlyPension: 'Monthly pension',
    asOfPeriod: (period) => `As of ${month(period.slice(4))} ${period.slice(0, 4)}`,
    asOfDate: (date) => `As of ${Number(date.slice(8))} ${month(date.slice(5, 7))} ${date.slice(0, 4)}`,
    columns: {
      insuranceType: 'Insurance',
      status: 'Status',
      startDate: 'Since',
      place: 'Region / employer',
      paidMonths: 'Months paid',
    },
    startDate: (date) => `${month(date.slice(5, 7))} ${date.slice(0, 4)}`,
    paidMonths: (months) => plural(months, 'month', 'months'),
    arrears: (months) => `${plural(months, 'month', 'months')} unpaid`,
    arrearsEach: (months) => `${plural(months, 'month', 'months')} unpaid each`,
    arrearsHeadline: {
      title: (items) => `You have unpaid contributions: ${items}`,
      howHere: 'You can pay at this kiosk: press "Pay now".',
      howWindow: 'Please pay at a staffed window, or call 12333.',
      pay: 'Pay now',
      speech: (items) => `Please note: you have unpaid contributions: ${items}.`,
      separator: '; ',
      employerTitle: (items) => `Your employer has not paid: ${items}`,
      employerHow: (employers) =>
        `${employers} owes this; it cannot be paid at this kiosk. Please ask your employer or a staffed window, or call 12333.`,
      employerSpeech: (items, employers) =>
        `Please note: your employer ${employers} has not paid: ${items}. Please ask your employer or a staffed window.`,
    },
    done: {
      idCard: 'When you are done, press "Sign out" and take your ID card',
      ssCard: 'When you are done, press "Sign out" and take your social security card',
      eSsCard: 'When you are done, press "Sign out"',
    },
  },
  money: (yuan) => `${yuan} yuan`,
  services: {
    back: 'Back',
    home: 'Home',
    noCardHeading: 'No card needed',
    withCardHeading: 'With your card',
    homeHeading: 'Services',
    awaiting: (title: string) =>
      `For "${title}", please place your ID card or social security card, or scan your e-card`,
    idleBody: (seconds: number) => `Back to the start in ${seconds} seconds`,
  },
  timeout: {
    heading: 'Are you still there?',
    body: (seconds) => `You will be signed out in ${seconds} s`,
    continue: 'Continue',
    speech: 'Are you still there? To continue, press Continue.',
  },
  error: {
    heading: 'Sorry, this cannot be done right now',
    back: 'Back to start',
    autoReturn: (seconds) => `Returning to the start in ${seconds} s`,
    hotline: (hotline) => `For help, call the hotline ${hotline} or ask at a staffed window`,
    hotlineLabel: 'Hotline',
    codes: {
      invalidRequest: 'That did not work. Please go back to the start and try again.',
      unauthorized: 'This kiosk cannot be used right now. Please go to a staffed window.',
      forbidden: 'This service is not available at this kiosk. Please ask at a staffed window.',
      secondFactorRequired: 'To see the details, we first need to check it is you: your card PIN, or your face.',
      notFound: 'Nothing was found. Please ask at a staffed window.',
      noSession: 'You have been signed out. Please place your ID card again.',
      sessionExpired: 'You were signed out after a period of inactivity. Please place your ID card again.',
      personNotFound: 'We could not find your insurance records. Please ask at a staffed window.',
      cardInvalid: 'This card cannot be used. Please use your own valid resident ID card.',
      cardReadFailed: 'The ID card could not be read. Please take it off and lay it flat on the reader again.',
      eCardExpired: 'Your e-card QR code has expired. Please refresh it on your phone and scan it again.',
      eCardInvalid: 'This QR code cannot be read. Please show your e-card QR code, or use your ID card.',
      serverUnreachable: 'The system cannot connect right now. Please try again later or go to a staffed window.',
      deviceFailed: 'A device is not working right now. Please go to a staffed window.',
      outOfService: 'This kiosk is out of service. Please go to a staffed window.',
      rateLimited: 'Too many attempts. Please wait a moment and try again.',
      ticketLimit: 'You already have a queue ticket for this service today. Please wait to be called.',
      slotFull: 'This time is fully booked. Please choose another time.',
      appointmentLimit: 'You already have a booking for this service on that day. You can move or cancel it.',
      bookingBlocked:
        'You missed several bookings recently, so booking is paused for now. You can take a queue ticket.',
      slotClosed: 'This time can no longer be booked. Please choose another time.',
      conflict: 'This cannot be done right now. Please try again.',
      paymentCodeInvalid: 'This is not a payment code. Open the payment code on your phone and hold it to the scanner.',
      amountLimit: 'The amount is over what this kiosk accepts. Pay in parts, or go to a service window.',
      notPayable: 'This cannot be paid at the kiosk now. Please ask at a service window.',
      alreadyPaid: 'This has been paid already; there is nothing more to pay.',
      payerCheckFailed: 'You cannot pay for this family member here. Please ask at a service window.',
      providerUnavailable: 'The payment service cannot be reached. Nothing was charged. Please try again later.',
      orderExpired: 'The time to pay has run out. Nothing was charged. Please start again.',
      internal: 'Something went wrong. Please try again later or go to a staffed window.',
    },
  },
  outOfService: {
    heading: 'Out of service',
    body: 'Please use another self-service kiosk or go to a staffed window.',
    goToOneBefore: 'Please use the kiosk at',
    goToOneAfter: '',
    goToSeveral: 'Please use one of these kiosks:',
    orWindow: 'Or go to a staffed window.',
    windowHours: (hours: string) => `Staffed windows are open: ${hours}`,
  },
  insuranceTypes: {
    employeePension: 'Employee basic pension',
    residentPension: 'Urban and rural resident pension',
    publicSectorPension: 'Public sector pension',
    employeeMedical: 'Employee basic medical insurance',
    residentMedical: 'Resident basic medical insurance',
    unemployment: 'Unemployment insurance',
    workInjury: 'Work injury insurance',
    maternity: 'Maternity insurance',
  },
  statuses: {
    active: 'Contributing',
    suspended: 'Suspended',
    terminated: 'Terminated',
    receiving: 'Receiving benefits',
  },
};
