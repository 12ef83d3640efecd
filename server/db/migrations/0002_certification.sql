CREATE TABLE "face_references" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"descriptor" real[] NOT NULL,
	"source" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "face_references" ADD CONSTRAINT "face_references_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;