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
ALTER TABLE "statements" ADD COLUMN "session_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "request_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "request_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "signed_content" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "key_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "page_count" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "pdf" "bytea" NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "statements_person_request_idx" ON "statements" USING btree ("person_id","request_id");--> statement-breakpoint
CREATE INDEX "statements_person_idx" ON "statements" USING btree ("person_id","issued_at");