CREATE TABLE "face_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"terminal_id" text NOT NULL,
	"person_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"actions" jsonb NOT NULL,
	"light" jsonb NOT NULL,
	"action_timeout_ms" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" uuid
);
--> statement-breakpoint
CREATE TABLE "face_descriptor_hashes" (
	"hash" text PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"challenge_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "face_challenges" ADD CONSTRAINT "face_challenges_session_id_kiosk_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."kiosk_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_challenges" ADD CONSTRAINT "face_challenges_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_challenges" ADD CONSTRAINT "face_challenges_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_descriptor_hashes" ADD CONSTRAINT "face_descriptor_hashes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "face_descriptor_hashes" ADD CONSTRAINT "face_descriptor_hashes_challenge_id_face_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."face_challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "face_challenges_session_idx" ON "face_challenges" USING btree ("session_id");