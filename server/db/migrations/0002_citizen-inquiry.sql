ALTER TABLE "job_postings" ADD COLUMN "district" text NOT NULL;--> statement-breakpoint
ALTER TABLE "job_postings" ADD COLUMN "category" text NOT NULL;--> statement-breakpoint
ALTER TABLE "job_postings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "district" text NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "district" text NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "category" text NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "kiosk_sessions" ADD COLUMN "second_factor" text;--> statement-breakpoint
ALTER TABLE "kiosk_sessions" ADD COLUMN "second_factor_at" timestamp with time zone;