// The citizen services' step machines: what a person's taps lead to, without a screen.
import { describe, expect, it } from 'vitest';
import type { FaceChallenge, JobPosting, Notice, Office, TrainingCourse } from '../../../contracts';
import { casesReducer, initialCasesState } from '../../../renderer/src/services/cases/machine';
import { browseReducer, initialBrowseState, pageOf } from '../../../renderer/src/services/common/browse';
import { filterGuides } from '../../../renderer/src/services/guides/filter';
import { inquiryReducer, initialInquiryState } from '../../../renderer/src/services/inquiry/machine';
import { filterJobs } from '../../../renderer/src/services/jobs/filter';
import { filterNotices } from '../../../renderer/src/services/notices/filter';
import { filterOffices } from '../../../renderer/src/services/offices/filter';
import { faceReduce, initialFaceStep } from '../../../renderer/src/services/pin/face-machine';
import { initialPinState, pinReducer, type PinAction, type PinState } from '../../../renderer/src/services/pin/machine';
import {
  certificateSpan,
  initialStatementsState,
  statementsReducer,
} from '../../../renderer/src/services/statements/machine';
import type { StatementRequest } from '../../../contracts/citizen-kiosk';
import { filterCourses } from '../../../renderer/src/services/trainings/filter';

const run = <S, A>(reducer: (s: S, a: A) => S, initial: S, actions: A[]) => actions.reduce(reducer, initial);

describe('PIN step', () => {
  const typed = (digits: string): PinAction[] => [...digits].map((digit) => ({ type: 'digit', digit }));
  const entering: PinState = pinReducer(initialPinState, {
    type: 'factor',
    view: { verified: false, route: 'ssCardPin', face: false, faceChecksLeft: 0 },
  });

  it('takes six digits at most, deletes and clears, and only submits six', () => {
    let s = run(pinReducer, entering, typed('1234567'));
    expect(s.digits).toBe('123456');
    s = run(pinReducer, s, [{ type: 'backspace' }, { type: 'submit' }]);
    expect(s).toMatchObject({ digits: '12345', phase: 'entering' });
    s = run(pinReducer, s, [{ type: 'clear' }, ...typed('65'), { type: 'digit', digit: 'x' }]);
    expect(s.digits).toBe('65');
    s = run(pinReducer, s, [...typed('4321'), { type: 'submit' }]);
    expect(s.phase).toBe('checking');
    expect(run(pinReducer, s, typed('9')).digits).toBe('654321'); // no typing while the card checks
  });

  it('counts down on wrong PINs, wiping the digits, and locks', () => {
    let s = run(pinReducer, entering, [...typed('000000'), { type: 'submit' }]);
    s = pinReducer(s, { type: 'result', result: { status: 'wrong', triesLeft: 2 } });
    expect(s).toMatchObject({ phase: 'entering', digits: '', triesLeft: 2 });
    s = run(pinReducer, s, [...typed('111111'), { type: 'submit' }]);
    s = pinReducer(s, { type: 'result', result: { status: 'wrong', triesLeft: 1 } });
    expect(s.triesLeft).toBe(1);
    s = run(pinReducer, s, [...typed('222222'), { type: 'submit' }]);
    s = pinReducer(s, { type: 'result', result: { status: 'locked' } });
    expect(s).toMatchObject({ phase: 'locked', digits: '' });
    expect(run(pinReducer, s, typed('1')).digits).toBe('');
  });

  it('passes at once when already verified; an ID-card session gets the plain sentence', () => {
    expect(
      pinReducer(initialPinState, {
        type: 'factor',
        view: { verified: true, route: 'ssCardPin', face: false, faceChecksLeft: 0 },
      }).phase,
    ).toBe('passed');
    expect(
      pinReducer(initialPinState, {
        type: 'factor',
        view: { verified: false, route: 'notAvailable', face: false, faceChecksLeft: 0 },
      }).phase,
    ).toBe('notAvailable');
    const s = run(pinReducer, entering, [...typed('123456'), { type: 'submit' }]);
    expect(pinReducer(s, { type: 'result', result: { status: 'noCard' } }).phase).toBe('noCard');
    expect(pinReducer(s, { type: 'failed', code: 'deviceFailed' })).toMatchObject({ phase: 'failed', digits: '' });
  });
});

describe('second factor by face', () => {
  const view = (route: 'ssCardPin' | 'face' | 'notAvailable', face: boolean, faceChecksLeft = 3) => ({
    type: 'factor' as const,
    view: { verified: false, route, face, faceChecksLeft },
  });

  it('goes straight to the face check for an ID-card session with an enrolled face, with no PIN to fall back to', () => {
    const s = pinReducer(initialPinState, view('face', true));
    expect(s).toMatchObject({ phase: 'face', faceChecksLeft: 3 });
    expect(pinReducer(s, { type: 'usePin' }).phase).toBe('face');
  });

  it('lets a card holder who forgot or locked the PIN switch to the face and back, only when a face is enrolled', () => {
    let s = pinReducer(initialPinState, view('ssCardPin', true));
    s = run(pinReducer, s, [{ type: 'digit', digit: '1' }, { type: 'useFace' }]);
    expect(s).toMatchObject({ phase: 'face', digits: '' });
    expect(pinReducer(s, { type: 'usePin' }).phase).toBe('entering');
    const locked = pinReducer(pinReducer(initialPinState, view('ssCardPin', true)), {
      type: 'result',
      result: { status: 'locked' },
    });
    expect(pinReducer(locked, { type: 'useFace' }).phase).toBe('face');
    const noFace = pinReducer(initialPinState, view('ssCardPin', false, 0));
    expect(pinReducer(noFace, { type: 'useFace' }).phase).toBe('entering');
  });

  const challenge: FaceChallenge = {
    challengeId: '6f1c2a52-8d0e-4c1e-9a57-0d4f4a7f9b10',
    purpose: 'faceCheck',
    actions: ['blink', 'openMouth'],
    actionTimeoutMs: 10_000,
    light: [{ rgb: [255, 170, 170], ms: 500 }],
    issuedAt: '2026-11-24T02:00:00.000Z',
    expiresAt: '2026-11-24T02:02:00.000Z',
  };
  const outcome = (result: 'passed' | 'failed', reason: string | null, faceChecksLeft: number) => ({
    type: 'outcome' as const,
    outcome: {
      result,
      reason: reason as 'noMatch' | null,
      verifiedAt: result === 'passed' ? '2026-11-24T02:00:00.000Z' : null,
      faceChecksLeft,
    },
  });

  it('runs intro → camera → submitting → passed', () => {
    const s = run(faceReduce, initialFaceStep(3), [
      { type: 'start', challenge },
      { type: 'progress', progress: { step: 'loading' } },
      { type: 'captured' },
    ]);
    expect(s).toEqual({ kind: 'submitting', attempt: 1, checksLeft: 3 });
    expect(faceReduce(s, outcome('passed', null, 3))).toEqual({ kind: 'passed' });
  });

  it('says why a check failed, offers a retry while the server and the visit allow, then sends the person on', () => {
    let s = run(faceReduce, initialFaceStep(3), [{ type: 'start', challenge }, { type: 'captured' }]);
    s = faceReduce(s, outcome('failed', 'noMatch', 2));
    expect(s).toEqual({ kind: 'failed', attempt: 1, reason: 'noMatch', checksLeft: 2 });
    // The engine itself saw no action: not sent, but the visit counts it.
    s = run(faceReduce, s, [
      { type: 'start', challenge },
      { type: 'engineFailed', reason: 'actionTimeout' },
    ]);
    expect(s).toEqual({ kind: 'failed', attempt: 2, reason: 'actionTimeout', checksLeft: 1 });
    s = run(faceReduce, s, [{ type: 'start', challenge }, { type: 'captured' }]);
    s = faceReduce(s, outcome('failed', 'noMatch', 1));
    expect(s).toMatchObject({ kind: 'failed', attempt: 3, checksLeft: 0 });
    expect(faceReduce(s, { type: 'start', challenge })).toEqual({ kind: 'noChecksLeft' });
  });

  it('sends the person on when no checks are left, no face is enrolled, or the camera is gone', () => {
    expect(initialFaceStep(0)).toEqual({ kind: 'noChecksLeft' });
    const submitting = run(faceReduce, initialFaceStep(2), [{ type: 'start', challenge }, { type: 'captured' }]);
    expect(faceReduce(submitting, outcome('failed', 'noReference', 0))).toEqual({ kind: 'noChecksLeft' });
    expect(faceReduce(submitting, { type: 'failed', code: 'rateLimited' })).toEqual({ kind: 'noChecksLeft' });
    expect(faceReduce(submitting, { type: 'failed', code: 'serverUnreachable' })).toEqual({
      kind: 'error',
      code: 'serverUnreachable',
    });
    const camera = faceReduce(initialFaceStep(2), { type: 'start', challenge });
    expect(faceReduce(camera, { type: 'engineFailed', reason: 'cameraUnavailable' })).toEqual({
      kind: 'cameraUnavailable',
    });
    expect(faceReduce(camera, { type: 'engineFailed', reason: 'modelsUnavailable' })).toEqual({
      kind: 'error',
      code: 'deviceFailed',
    });
  });
});

describe('inquiry', () => {
  it('asks the PIN once for money details and never for enrollments', () => {
    let s = inquiryReducer(initialInquiryState, { type: 'open', view: 'enrollments' });
    expect(s.step).toBe('enrollments');
    s = run(inquiryReducer, s, [{ type: 'back' }, { type: 'open', view: 'pension' }]);
    expect(s).toMatchObject({ step: 'pin', pending: 'pension' });
    s = inquiryReducer(s, { type: 'pinPassed' });
    expect(s).toMatchObject({ step: 'pension', verified: true });
    s = run(inquiryReducer, s, [{ type: 'back' }, { type: 'open', view: 'medical' }]);
    expect(s.step).toBe('medical');
  });

  it('puts the unemployment benefit (money paid) behind the PIN too', () => {
    const s = inquiryReducer(initialInquiryState, { type: 'open', view: 'unemployment' });
    expect(s).toMatchObject({ step: 'pin', pending: 'unemployment' });
    expect(inquiryReducer(s, { type: 'pinPassed' })).toMatchObject({ step: 'unemployment', verified: true });
  });

  it('goes type → year → months, pages, and back one level at a time', () => {
    let s = run(inquiryReducer, { ...initialInquiryState, verified: true }, [
      { type: 'open', view: 'contributions' },
      { type: 'chooseType', insuranceType: 'employeeMedical' },
      { type: 'page', page: 2 },
      { type: 'chooseYear', year: 2019 },
    ]);
    expect(s).toMatchObject({ step: 'contributions', insuranceType: 'employeeMedical', year: 2019, page: 1 });
    s = inquiryReducer(s, { type: 'page', page: 0 });
    expect(s.page).toBe(1);
    s = inquiryReducer(s, { type: 'back' });
    expect(s).toMatchObject({ step: 'contributions', year: null });
    expect(inquiryReducer(s, { type: 'back' }).step).toBe('menu');
  });

  it('a cancelled PIN goes back to the menu', () => {
    const s = run(inquiryReducer, initialInquiryState, [
      { type: 'open', view: 'contributions' },
      { type: 'pinCancelled' },
    ]);
    expect(s).toMatchObject({ step: 'menu', pending: null, verified: false });
  });
});

describe('cases', () => {
  const found = {
    caseNo: 'A1001',
    itemCode: 'A01',
    item: '养老保险关系转移',
    status: 'processing' as const,
    acceptedAt: '2026-11-01T09:00:00+08:00',
    dueDate: '2026-11-15',
    completedAt: null,
    overdue: true,
    finishedLate: false,
    daysOverdue: 8,
    steps: [],
    maskedName: '王*国',
    timeZone: 'Asia/Shanghai',
  };
  it('looks up a scan and shows it; an answer for an older scan is dropped', () => {
    let s = casesReducer(initialCasesState, { type: 'scanned', caseNo: 'A1001' });
    expect(s.step).toBe('looking');
    s = casesReducer(s, { type: 'scanned', caseNo: 'B2002' });
    expect(casesReducer(s, { type: 'answer', found })).toBe(s);
    s = casesReducer(s, { type: 'answer', found: { ...found, caseNo: 'B2002' } });
    expect(s).toMatchObject({ step: 'found', caseNo: 'B2002' });
  });
  it('says not found apart from other failures, and starts over', () => {
    const looking = casesReducer(initialCasesState, { type: 'scanned', caseNo: 'X9' });
    expect(casesReducer(looking, { type: 'failed', code: 'notFound' }).step).toBe('notFound');
    const failed = casesReducer(looking, { type: 'failed', code: 'serverUnreachable' });
    expect(failed).toMatchObject({ step: 'failed', failCode: 'serverUnreachable' });
    expect(casesReducer(failed, { type: 'again' })).toEqual(initialCasesState);
  });
});

describe('statements', () => {
  const id1 = '11111111-1111-4111-8111-111111111111';
  const id2 = '22222222-2222-4222-8222-222222222222';
  const sid = '33333333-3333-4333-8333-333333333333';
  const year2024 = { kind: 'rightsStatement', year: 2024 } as const;
  const counting = run(statementsReducer, initialStatementsState, [
    { type: 'chooseKind', kind: 'rightsStatement' },
    { type: 'pinPassed' },
    { type: 'ask', request: year2024 },
  ]);
  // Two pages or fewer print at once with the key the count came with.
  const printing = statementsReducer(counting, {
    type: 'counted',
    preview: { ask: year2024, coverage: '2024年度', pageCount: 2, shorter: null },
    requestId: id1,
  });
  const progress = (stage: 'issuing' | 'rendering' | 'printing' | 'done' | 'failed', extra = {}) => ({
    type: 'progress' as const,
    progress: { requestId: id1, stage, statementId: null, verificationCode: null, reason: null, ...extra },
  });

  it('asks the PIN, then the year, then follows the stages to done', () => {
    expect(statementsReducer(initialStatementsState, { type: 'chooseKind', kind: 'insuranceCertificate' }).step).toBe(
      'pin',
    );
    expect(printing).toMatchObject({ step: 'printing', requestId: id1, attempt: 1 });
    let s = statementsReducer(printing, progress('rendering', { statementId: sid, verificationCode: 'AAAA' }));
    expect(s).toMatchObject({ stage: 'rendering', statementId: sid });
    s = statementsReducer(s, progress('done'));
    expect(s).toMatchObject({ step: 'done', statementId: sid, verificationCode: 'AAAA' });
    expect(statementsReducer(s, { type: 'back' })).toMatchObject({ step: 'choose', verified: true });
  });

  it('a retry after an issued statement reprints it; a retry before issuing reuses the same request id', () => {
    const issuedThenFailed = run(statementsReducer, printing, [
      progress('rendering', { statementId: sid }),
      progress('failed', { reason: 'paperOut' }),
    ]);
    expect(issuedThenFailed).toMatchObject({ step: 'failed', reason: 'paperOut' });
    const reprint = statementsReducer(issuedThenFailed, { type: 'retry', requestId: id2 });
    expect(reprint).toMatchObject({ step: 'printing', statementId: sid, requestId: id2, attempt: 2 });

    const notIssued = statementsReducer(printing, progress('failed', { reason: 'serverUnreachable' }));
    const again = statementsReducer(notIssued, { type: 'retry', requestId: id2 });
    expect(again).toMatchObject({ step: 'printing', statementId: null, requestId: id1 });
  });

  it('ignores progress of another print and stays put while printing', () => {
    expect(
      statementsReducer(printing, { ...progress('done'), progress: { ...progress('done').progress, requestId: id2 } }),
    ).toBe(printing);
    expect(statementsReducer(printing, { type: 'back' })).toBe(printing);
  });

  it('counts the pages first; more than two are printed only after the person confirms, or the last year', () => {
    expect(counting).toMatchObject({ step: 'counting', countAttempt: 1, requestId: null, attempt: 0 });
    const all: StatementRequest = {
      kind: 'insuranceCertificate',
      from: '199807',
      to: '202611',
      insuranceTypes: ['employeePension'],
    };
    const lastYear: StatementRequest = { ...all, from: '202512' };
    const asked = run(statementsReducer, initialStatementsState, [
      { type: 'chooseKind', kind: 'insuranceCertificate' },
      { type: 'pinPassed' },
      { type: 'ask', request: all },
      {
        type: 'counted',
        preview: {
          ask: all,
          coverage: '1998年07月至2026年11月',
          pageCount: 14,
          shorter: { ask: lastYear, coverage: '2025年12月至2026年11月', pageCount: 1 },
        },
        requestId: id1,
      },
    ]);
    expect(asked).toMatchObject({ step: 'confirm', requestId: null, attempt: 0 }); // nothing issued yet
    // 返回 goes back to the spans, the shorter choice prints the last year only.
    expect(statementsReducer(asked, { type: 'back' })).toMatchObject({ step: 'span', preview: null, verified: true });
    expect(statementsReducer(asked, { type: 'print', request: lastYear, requestId: id2 })).toMatchObject({
      step: 'printing',
      request: lastYear,
      requestId: id2,
      attempt: 1,
    });
    // A failed count is counted again on retry, never printed unasked.
    const failed = statementsReducer(counting, { type: 'countFailed', reason: 'serverUnreachable' });
    expect(failed).toMatchObject({ step: 'failed', reason: 'serverUnreachable' });
    expect(statementsReducer(failed, { type: 'retry', requestId: id2 })).toMatchObject({
      step: 'counting',
      countAttempt: 2,
      requestId: null,
    });
    // A print is only ever started from the confirmation or a short count.
    expect(statementsReducer(counting, { type: 'print', request: all, requestId: id2 })).toBe(counting);
    expect(statementsReducer(counting, { type: 'back' })).toBe(counting);
  });

  it('spans end this month and never start before the first enrollment', () => {
    expect(certificateSpan(1, { year: 2026, month: 11 }, '200001')).toEqual({ from: '202512', to: '202611' });
    expect(certificateSpan(3, { year: 2026, month: 1 }, null)).toEqual({ from: '202302', to: '202601' });
    expect(certificateSpan(5, { year: 2026, month: 11 }, '202405')).toEqual({ from: '202405', to: '202611' });
    expect(certificateSpan('all', { year: 2026, month: 11 }, '199807')).toEqual({ from: '199807', to: '202611' });
  });
});

describe('information browsing', () => {
  it('a filter goes back to page 1 and closes an opened item; pages clamp', () => {
    let s = run(browseReducer, initialBrowseState, [
      { type: 'page', page: 3 },
      { type: 'open', id: '7' },
    ]);
    expect(s).toMatchObject({ page: 3, selected: '7' });
    s = browseReducer(s, { type: 'filter', key: 'district', value: '天河区' });
    expect(s).toEqual({ filters: { district: '天河区' }, page: 1, selected: null });
    expect(pageOf([1, 2, 3, 4, 5], 9, 2)).toEqual({ items: [5], page: 3, pageCount: 3 });
    expect(pageOf([], 1, 4)).toEqual({ items: [], page: 1, pageCount: 1 });
  });

  it('filters jobs by district, trade and overlapping salary band', () => {
    const job = (id: number, district: string, min: number, max: number) =>
      ({ id, district, category: '餐饮', salaryMin: min, salaryMax: max }) as JobPosting;
    const jobs = [
      job(1, '天河区', 300_000, 450_000),
      job(2, '越秀区', 450_000, 600_000),
      job(3, '天河区', 900_000, 1_200_000),
    ];
    const ids = (f: Parameters<typeof filterJobs>[1]) => filterJobs(jobs, f).map((j) => j.id);
    expect(ids({ district: null, category: null, salaryBand: 'upTo5000' })).toEqual([1, 2]);
    expect(ids({ district: null, category: null, salaryBand: 'from8000' })).toEqual([3]);
    expect(ids({ district: '天河区', category: null, salaryBand: 'from5000to8000' })).toEqual([]);
    expect(ids({ district: null, category: '建筑', salaryBand: null })).toEqual([]);
  });

  it('filters courses (free only), notices (newest first), offices and guides', () => {
    const courses = [
      { id: 1, district: 'A', category: 'x', fee: 0 },
      { id: 2, district: 'A', category: 'x', fee: 50_000 },
    ] as TrainingCourse[];
    expect(filterCourses(courses, { district: 'A', category: null, freeOnly: true }).map((c) => c.id)).toEqual([1]);
    const notices = [
      { id: 1, category: 'policy', publishedAt: '2026-01-01T00:00:00+08:00' },
      { id: 2, category: 'announcement', publishedAt: '2026-03-01T00:00:00+08:00' },
      { id: 3, category: 'policy', publishedAt: '2026-02-01T00:00:00+08:00' },
    ] as Notice[];
    expect(filterNotices(notices, null).map((n) => n.id)).toEqual([2, 3, 1]);
    expect(filterNotices(notices, 'policy').map((n) => n.id)).toEqual([3, 1]);
    expect(
      filterOffices(
        [
          { id: 1, district: 'A' },
          { id: 2, district: 'B' },
        ] as Office[],
        'B',
      ).map((o) => o.id),
    ).toEqual([2]);
    const guides = [
      { code: 'a', categoryCode: 'A' },
      { code: 'b', categoryCode: 'C' },
    ] as unknown as Parameters<typeof filterGuides>[0];
    expect(filterGuides(guides, 'C').map((g) => g.code)).toEqual(['b']);
  });
});

describe('PIN step with a reader PIN pad', () => {
  const padView = { verified: false, route: 'ssCardPin', face: true, faceChecksLeft: 3, pinPad: true } as const;
  it('asks the reader, not the screen; a wrong PIN asks the reader again; cancel offers a retry or the face', () => {
    let s = pinReducer(initialPinState, { type: 'factor', view: padView });
    expect(s).toMatchObject({ phase: 'pad', padRound: 1 });
    expect(pinReducer(s, { type: 'digit', digit: '1' })).toBe(s); // the screen's keypad is not in use
    s = pinReducer(s, { type: 'result', result: { status: 'wrong', triesLeft: 2 } });
    expect(s).toMatchObject({ phase: 'pad', padRound: 2, triesLeft: 2 });
    s = pinReducer(s, { type: 'result', result: { status: 'cancelled' } });
    expect(s.phase).toBe('padStopped');
    expect(pinReducer(s, { type: 'useFace' }).phase).toBe('face');
    s = pinReducer(s, { type: 'retryPad' });
    expect(s).toMatchObject({ phase: 'pad', padRound: 3 });
    expect(pinReducer(s, { type: 'result', result: { status: 'ok' } }).phase).toBe('passed');
  });
  it('without a pad the screen keypad is used, as before', () => {
    const s = pinReducer(initialPinState, { type: 'factor', view: { ...padView, pinPad: false } });
    expect(s.phase).toBe('entering');
  });
});
