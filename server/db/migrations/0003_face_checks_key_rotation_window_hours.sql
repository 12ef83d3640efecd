CREATE TABLE "face_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	"reason" text,
	"distance" double precision,
	"scores" jsonb,
	"idempotency_key" text NOT NULL,
	CONSTRAINT "face_checks_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "statement_signing_keys" ALTER COLUMN "private_key_pem" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "halls" ADD COLUMN "window_hours" text;--> statement-breakpoint
ALTER TABLE "statement_signing_keys" ADD COLUMN "public_key_pem" text;--> statement-breakpoint
ALTER TABLE "statement_signing_keys" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_session_id_kiosk_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."kiosk_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_checks" ADD CONSTRAINT "face_checks_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "face_checks_person_idx" ON "face_checks" USING btree ("person_id","checked_at");--> statement-breakpoint
CREATE INDEX "face_checks_session_idx" ON "face_checks" USING btree ("session_id");