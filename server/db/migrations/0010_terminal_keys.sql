CREATE TABLE "terminal_keys" (
	"terminal_id" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "terminal_request_nonces" (
	"terminal_id" text NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "terminal_request_nonces_terminal_id_nonce_pk" PRIMARY KEY("terminal_id","nonce")
);
--> statement-breakpoint
ALTER TABLE "terminal_keys" ADD CONSTRAINT "terminal_keys_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "terminal_request_nonces_expiry_idx" ON "terminal_request_nonces" USING btree ("expires_at");