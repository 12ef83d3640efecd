CREATE TABLE "face_references" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"descriptor" real[] NOT NULL,
	"source" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"hall_id" text NOT NULL,
	"category_code" char(1) NOT NULL,
	"service_day" date NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "queue_counters_pk" PRIMARY KEY("hall_id","category_code","service_day")
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "terminal_commands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "terminal_commands_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"terminal_id" text NOT NULL,
	"kind" text NOT NULL,
	"device" text,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	"first_delivered_at" timestamp with time zone,
	"delivery_count" integer DEFAULT 0 NOT NULL,
	"acked_at" timestamp with time zone,
	"result" text,
	"result_detail" text,
	CONSTRAINT "terminal_commands_seq_unique" UNIQUE("seq"),
	CONSTRAINT "terminal_commands_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "statement_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"private_key_pem" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "statements_person_idx";--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "terminal_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "issued_at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "pin_hash" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "called_by" text;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "recall_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "session_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "request_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "request_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "signed_content" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "key_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "page_count" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "pdf" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "job_postings" ADD COLUMN "district" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "job_postings" ADD COLUMN "category" text DEFAULT '其他' NOT NULL;--> statement-breakpoint
ALTER TABLE "job_postings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "district" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "district" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "category" text DEFAULT '其他' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "kiosk_sessions" ADD COLUMN "second_factor" text;--> statement-breakpoint
ALTER TABLE "kiosk_sessions" ADD COLUMN "second_factor_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "face_references" ADD CONSTRAINT "face_references_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_commands" ADD CONSTRAINT "terminal_commands_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_commands" ADD CONSTRAINT "terminal_commands_issued_by_staff_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_sessions_staff_idx" ON "staff_sessions" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "terminal_commands_terminal_idx" ON "terminal_commands" USING btree ("terminal_id","issued_at");--> statement-breakpoint
CREATE INDEX "queue_tickets_person_idx" ON "queue_tickets" USING btree ("person_id","service_day");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_person_request_idx" ON "statements" USING btree ("person_id","request_id");--> statement-breakpoint
CREATE INDEX "statements_person_idx" ON "statements" USING btree ("person_id","issued_at");