ALTER TABLE "job_postings" ALTER COLUMN "district" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "job_postings" ALTER COLUMN "category" SET DEFAULT '其他';--> statement-breakpoint
ALTER TABLE "offices" ALTER COLUMN "district" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "training_courses" ALTER COLUMN "district" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "training_courses" ALTER COLUMN "category" SET DEFAULT '其他';