/** Halls, their terminals and staff. */
import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { HeartbeatRequest } from '../../../contracts/hall-api';

/** 服务大厅. */
export const halls = pgTable('halls', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  address: text('address').notNull(),
  phone: text('phone').notNull(),
  /** When the staffed windows (人工窗口) serve, as people read it; shown on a closed terminal's sign. */
  windowHours: text('window_hours'),
});

/** 自助服务终端; only the sha256 of the terminal secret is stored. */
export const terminals = pgTable(
  'terminals',
  {
    id: text('id').primaryKey(),
    hallId: text('hall_id')
      .notNull()
      .references(() => halls.id),
    location: text('location'),
    credentialHash: text('credential_hash').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    inService: boolean('in_service').notNull().default(true),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** The last heartbeat: when, and what the terminal said of itself (device health, version). */
    lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }),
    heartbeat: jsonb('heartbeat').$type<HeartbeatRequest>(),
  },
  (t) => [index('terminals_hall_idx').on(t.hallId)],
);

/** 大厅工作人员. */
export const staff = pgTable('staff', {
  id: text('id').primaryKey(),
  hallId: text('hall_id')
    .notNull()
    .references(() => halls.id),
  name: text('name').notNull(),
  role: text('role', { enum: ['clerk', 'supervisor', 'admin'] }).notNull(),
  /** scrypt hash of the console password; null means the account cannot sign in. */
  passwordHash: text('password_hash'),
  /** scrypt hash of the maintenance PIN entered on a kiosk; null means no kiosk maintenance. */
  pinHash: text('pin_hash'),
  enabled: boolean('enabled').notNull().default(true),
});
