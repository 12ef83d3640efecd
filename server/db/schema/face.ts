/** Enrolled face references for certification: they never leave the hall server. */
import { integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { persons } from './people';

/** One enrolled reference per person: a 128-number face descriptor and where it came from. */
export const faceReferences = pgTable('face_references', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => persons.id),
  descriptor: real('descriptor').array().notNull(),
  /** 'demoPhoto' (seeded from a demo photo), 'simulator' (enrolled on the simulator page), 'window' (taken at a window). */
  source: text('source', { enum: ['demoPhoto', 'simulator', 'window'] }).notNull(),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
});
