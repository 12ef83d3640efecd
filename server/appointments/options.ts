/** What the appointment code needs besides the database. */
export interface AppointmentOptions {
  /** The clock (tests move it): horizons, cut-offs, check-in windows and no-shows are read against it. */
  now: () => Date;
  sessionIdleMs: number;
  /** No-shows within `noShowWindowDays` that pause booking (0: never). */
  noShowLimit: number;
  noShowWindowDays: number;
  /** Days after the last no-show that booking stays paused. */
  noShowPauseDays: number;
}

export const DEFAULT_NO_SHOW_LIMIT = 3;
export const DEFAULT_NO_SHOW_WINDOW_DAYS = 90;
export const DEFAULT_NO_SHOW_PAUSE_DAYS = 30;
