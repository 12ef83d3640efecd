/** The demo hall, its staff and its service categories. */
import type * as s from '../db/schema';
import { SEED_TIME_ZONE } from './dates';

/** The demo hall's id; terminals registered without a hall join it. */
export const DEMO_HALL_ID = 'demo-hall';

/** What a hall says about itself on screens, receipts and statements; all of it is configuration. */
export interface HallProfile {
  /** The issuing bureau, a space, then the hall (the statement's issuer is the part before the space). */
  name: string;
  address: string;
  phone: string;
  windowHours: string | null;
}

/** The demo hall's profile: a plausible (synthetic) Guangzhou district hall. */
export const demoHallProfile: HallProfile = {
  name: '广州市天河区人力资源和社会保障局 天河区人社服务大厅',
  address: '广州市天河区天河北路 233 号',
  phone: '020-12333',
  windowHours: '周一至周五 9:00-12:00，13:30-17:30',
};

/** The demo hall's name in English (HALL_NAME_EN overrides it in the demo). */
export const DEMO_HALL_NAME_EN = 'Tianhe District HR and Social Security Service Hall';

/**
 * The hall profile from the environment (HALL_NAME, HALL_ADDRESS, HALL_PHONE, HALL_WINDOW_HOURS);
 * only what is set.
 */
export function hallProfileFromEnv(env: Readonly<Record<string, string | undefined>>): Partial<HallProfile> {
  const profile: Partial<HallProfile> = {};
  if (env.HALL_NAME?.trim()) profile.name = env.HALL_NAME.trim();
  if (env.HALL_ADDRESS?.trim()) profile.address = env.HALL_ADDRESS.trim();
  if (env.HALL_PHONE?.trim()) profile.phone = env.HALL_PHONE.trim();
  if (env.HALL_WINDOW_HOURS?.trim()) profile.windowHours = env.HALL_WINDOW_HOURS.trim();
  return profile;
}

/** The demo hall. */
export const demoHall: typeof s.halls.$inferInsert = {
  id: DEMO_HALL_ID,
  timeZone: SEED_TIME_ZONE,
  ...demoHallProfile,
};

/** Demo staff; their console passwords and kiosk PINs are in `demoStaffCredentials`. */
export const demoStaff: readonly (typeof s.staff.$inferInsert)[] = [
  { id: 'S001', hallId: DEMO_HALL_ID, name: '周敏', role: 'clerk' },
  { id: 'S002', hallId: DEMO_HALL_ID, name: '黄磊', role: 'clerk' },
  { id: 'S003', hallId: DEMO_HALL_ID, name: '吴静', role: 'supervisor' },
  { id: 'S004', hallId: DEMO_HALL_ID, name: '郑凯', role: 'admin' },
];

/**
 * Demo sign-in secrets (documented in README.md, "Queue, staff and fleet"); only scrypt hashes are
 * stored. Every demo account's console password is `hall-demo`; kiosk maintenance PINs differ.
 */
export const demoStaffCredentials: Readonly<Record<string, { password: string; pin: string }>> = {
  S001: { password: 'hall-demo', pin: '246801' },
  S002: { password: 'hall-demo', pin: '246802' },
  S003: { password: 'hall-demo', pin: '246803' },
  S004: { password: 'hall-demo', pin: '246804' },
};

/** The demo hall's service categories. */
export const demoCategories: readonly (typeof s.serviceCategories.$inferInsert)[] = [
  {
    hallId: DEMO_HALL_ID,
    code: 'A',
    name: '社保业务',
    description: '养老、失业、工伤保险的参保、缴费、转移和待遇业务',
  },
  { hallId: DEMO_HALL_ID, code: 'B', name: '医保业务', description: '医疗保险参保、转移、异地就医备案和报销' },
  { hallId: DEMO_HALL_ID, code: 'C', name: '就业服务', description: '失业登记、失业保险金、就业创业证、职业培训补贴' },
];
