ALTER TABLE "statement_signing_keys" ALTER COLUMN "private_key_pem" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "statement_signing_keys" ADD COLUMN "public_key_pem" text;--> statement-breakpoint
ALTER TABLE "statement_signing_keys" ADD COLUMN "retired_at" timestamp with time zone;