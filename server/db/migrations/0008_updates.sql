CREATE TABLE "terminal_updates" (
	"terminal_id" text NOT NULL,
	"release_id" uuid NOT NULL,
	"result" text NOT NULL,
	"running_version" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "terminal_updates_terminal_id_release_id_result_pk" PRIMARY KEY("terminal_id","release_id","result")
);
--> statement-breakpoint
CREATE TABLE "update_releases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"arch" text NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"sha512" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "update_rollouts" (
	"release_id" uuid NOT NULL,
	"hall_id" text NOT NULL,
	"status" text NOT NULL,
	"percent" integer NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "update_rollouts_release_id_hall_id_pk" PRIMARY KEY("release_id","hall_id")
);
--> statement-breakpoint
CREATE TABLE "update_signing_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"private_key_pem" text,
	"public_key_pem" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "terminal_updates" ADD CONSTRAINT "terminal_updates_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terminal_updates" ADD CONSTRAINT "terminal_updates_release_id_update_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."update_releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_rollouts" ADD CONSTRAINT "update_rollouts_release_id_update_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."update_releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_rollouts" ADD CONSTRAINT "update_rollouts_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "terminal_updates_release_idx" ON "terminal_updates" USING btree ("release_id");--> statement-breakpoint
CREATE UNIQUE INDEX "update_releases_version_idx" ON "update_releases" USING btree ("kind","arch","version");--> statement-breakpoint
ALTER TABLE "update_rollouts" ADD CONSTRAINT "update_rollouts_percent_check" CHECK ("percent" BETWEEN 1 AND 100);