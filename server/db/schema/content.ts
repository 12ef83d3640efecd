/** Published content: service guides, jobs, trainings, notices and offices. */
import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One line of a materials checklist (一次性告知). */
export type MaterialItem = { name: string; copies: number; original: boolean; note?: string };

/** 办事指南. */
export const serviceGuides = pgTable('service_guides', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  /** The service category code (`A`, `B`, `C`) whose window handles it. */
  categoryCode: text('category_code').notNull(),
  summary: text('summary').notNull(),
  eligibility: text('eligibility').notNull(),
  materials: jsonb('materials').$type<MaterialItem[]>().notNull(),
  where: text('where').notNull(),
  timeLimit: text('time_limit').notNull(),
  fee: text('fee').notNull(),
  basis: text('basis').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** 招聘岗位; salaries are monthly, in fen. */
export const jobPostings = pgTable('job_postings', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  title: text('title').notNull(),
  employerName: text('employer_name').notNull(),
  /** 区: the district a finger filters by (`白云区`); empty for rows written before it existed. */
  district: text('district').notNull().default(''),
  /** 岗位类别 (`生产制造`, `生活服务`): a filter button. */
  category: text('category').notNull().default('其他'),
  location: text('location').notNull(),
  salaryMin: integer('salary_min').notNull(),
  salaryMax: integer('salary_max').notNull(),
  headcount: integer('headcount').notNull(),
  requirements: text('requirements').notNull(),
  contact: text('contact').notNull(),
  postedOn: date('posted_on', { mode: 'string' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }).notNull(),
  /** When the row last changed: terminals cache content and show how old it is. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 培训课程; `fee` in fen (0 for subsidised courses). */
export const trainingCourses = pgTable('training_courses', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  title: text('title').notNull(),
  provider: text('provider').notNull(),
  description: text('description').notNull(),
  /** 区 where the course is held (empty for rows written before it existed). */
  district: text('district').notNull().default(''),
  /** 培训类别 (`养老家政`, `技工`): a filter button. */
  category: text('category').notNull().default('其他'),
  location: text('location').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  hours: integer('hours').notNull(),
  fee: integer('fee').notNull(),
  seats: integer('seats').notNull(),
  /** When the row last changed: terminals cache content and show how old it is. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 政策公告. */
export const notices = pgTable('notices', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  title: text('title').notNull(),
  category: text('category', { enum: ['policy', 'announcement'] }).notNull(),
  body: text('body').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  /** When the row last changed: terminals cache content and show how old it is. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 服务网点. */
export const offices = pgTable('offices', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  district: text('district').notNull().default(''),
  address: text('address').notNull(),
  phone: text('phone').notNull(),
  hours: text('hours').notNull(),
  services: text('services').notNull(),
  /** When the row last changed: terminals cache content and show how old it is. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
