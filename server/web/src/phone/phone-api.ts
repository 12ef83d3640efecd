/** The phone page's calls: the contract routes with the hall filled in and the session token. */
import { z } from 'zod';
import {
  PhoneCodeResponse,
  PhoneHallView,
  PhoneSessionResponse,
  appointmentPhoneRoutes as r,
} from '../../../../contracts/appointment-phone';
import { Appointment, MyAppointments, SlotsResponse } from '../../../../contracts/appointments';
import { apiRequest } from '../shared/api';

/** What a signed-in page holds, in memory only (never in the URL or storage). */
export interface PhoneSession {
  token: string;
  expiresAt: string;
  maskedName: string;
  maskedIdNumber: string;
  maskedPhone: string;
}

/** The calls of one hall. */
export function phoneApi(hallId: string) {
  const params = { hallId };
  return {
    hall: () => apiRequest(r.phoneHall, PhoneHallView, { params }),
    code: (idNumber: string, phone: string) =>
      apiRequest(r.phoneCode, PhoneCodeResponse, { params, body: { idNumber, phone } }),
    session: (idNumber: string, phone: string, code: string) =>
      apiRequest(r.phoneSession, PhoneSessionResponse, { params, body: { idNumber, phone, code } }),
    slots: (categoryCode: string) =>
      apiRequest({ ...r.phoneSlots, path: `${r.phoneSlots.path}?categoryCode=${categoryCode}` }, SlotsResponse, {
        params,
      }),
    mine: (token: string) => apiRequest(r.phoneAppointments, MyAppointments, { params, token }),
    book: (token: string, ruleId: number, startsAt: string, idempotencyKey: string) =>
      apiRequest(r.phoneBook, Appointment, { params, token, body: { ruleId, startsAt, idempotencyKey } }),
    move: (token: string, appointmentId: string, ruleId: number, startsAt: string) =>
      apiRequest(r.phoneMove, Appointment, { params: { ...params, appointmentId }, token, body: { ruleId, startsAt } }),
    cancel: (token: string, appointmentId: string) =>
      apiRequest(r.phoneCancel, Appointment, { params: { ...params, appointmentId }, token }),
  };
}

export type PhoneApi = ReturnType<typeof phoneApi>;

/** `5月5日 星期二` from `2026-05-05`. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = '日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${m}月${d}日 星期${weekday}`;
}

export const IdInput = z.string().regex(/^\d{17}[\dXx]$/);
export const MobileInput = z.string().regex(/^1[3-9]\d{9}$/);
