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
    heading: 'Please place your ID card on the reader',
    hint: 'Lay the card flat on the reader and keep it still until your details appear',
    readerFailed: 'The ID card reader is not working right now. Please go to a staffed window.',
    serverUnreachable: 'The system cannot connect right now. Please try again later or go to a staffed window.',
    ended: {
      exit: 'You have signed out. Your details have been cleared from the screen.',
      timeout: 'You were signed out after a period of inactivity. Your details have been cleared.',
      cardRemoved: 'The ID card was removed, so you have been signed out.',
      outOfService: 'This kiosk is now out of service, so you have been signed out.',
      error: 'Something went wrong, so you have been signed out.',
    },
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
    speech: 'Hello. Here are your insurance records. When you are done, press Sign out and take your ID card.',
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
    done: 'When you are done, press "Sign out" and take your ID card',
  },
  money: (yuan) => `${yuan} yuan`,
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
      notFound: 'Nothing was found. Please ask at a staffed window.',
      noSession: 'You have been signed out. Please place your ID card again.',
      sessionExpired: 'You were signed out after a period of inactivity. Please place your ID card again.',
      personNotFound: 'We could not find your insurance records. Please ask at a staffed window.',
      cardInvalid: 'This card cannot be used. Please use your own valid resident ID card.',
      cardReadFailed: 'The ID card could not be read. Please take it off and lay it flat on the reader again.',
      serverUnreachable: 'The system cannot connect right now. Please try again later or go to a staffed window.',
      deviceFailed: 'A device is not working right now. Please go to a staffed window.',
      outOfService: 'This kiosk is out of service. Please go to a staffed window.',
      rateLimited: 'Too many attempts. Please wait a moment and try again.',
      internal: 'Something went wrong. Please try again later or go to a staffed window.',
    },
  },
  outOfService: {
    heading: 'Out of service',
    body: 'Please use another self-service kiosk or go to a staffed window.',
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
