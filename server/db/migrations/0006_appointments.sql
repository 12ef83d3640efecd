CREATE TABLE "appointment_holidays" (
	"hall_id" text NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "appointment_holidays_pk" PRIMARY KEY("hall_id","day")
);
--> statement-breakpoint
CREATE TABLE "appointment_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"hall_id" text NOT NULL,
	"category_code" char(1) NOT NULL,
	"window_group" text NOT NULL,
	"weekdays" text NOT NULL,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"horizon_days" integer NOT NULL,
	"cutoff_minutes" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "appointment_rules_uq" UNIQUE("hall_id","category_code","window_group"),
	CONSTRAINT "appointment_rules_sane" CHECK ("appointment_rules"."slot_minutes" > 0 and "appointment_rules"."capacity" >= 0 and "appointment_rules"."horizon_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"rule_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appointment_slots_pk" PRIMARY KEY("rule_id","starts_at"),
	CONSTRAINT "appointment_slots_within_capacity" CHECK ("appointment_slots"."booked" >= 0 and "appointment_slots"."booked" <= "appointment_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" integer NOT NULL,
	"hall_id" text NOT NULL,
	"category_code" char(1) NOT NULL,
	"day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"person_id" integer NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_via" text NOT NULL,
	"terminal_id" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"ticket_id" uuid,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "appointments_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "queue_tickets" DROP CONSTRAINT "queue_tickets_number_uq";--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD COLUMN "priority" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_holidays" ADD CONSTRAINT "appointment_holidays_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_rules" ADD CONSTRAINT "appointment_rules_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_rule_id_appointment_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."appointment_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rule_id_appointment_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."appointment_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_terminal_id_terminals_id_fk" FOREIGN KEY ("terminal_id") REFERENCES "public"."terminals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_active_uq" ON "appointments" USING btree ("person_id","category_code","day") WHERE "appointments"."status" in ('booked', 'checkedIn');--> statement-breakpoint
CREATE INDEX "appointments_hall_day_idx" ON "appointments" USING btree ("hall_id","day");--> statement-breakpoint
CREATE INDEX "appointments_person_idx" ON "appointments" USING btree ("person_id","starts_at");--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_number_uq" UNIQUE("hall_id","category_code","service_day","priority","number");--> statement-breakpoint
-- Booked (priority) tickets are numbered in their own series and called ahead of walk-ins, so they
-- stay out of queue_progress: a walk-in's people ahead is still n - 1 - left_waiting of walk-ins.
CREATE OR REPLACE FUNCTION queue_progress_track() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  d_left integer := 0;
  d_served integer := 0;
  d_secs double precision := 0;
  r queue_tickets;
BEGIN
  IF (TG_OP = 'DELETE' AND OLD.priority) OR (TG_OP <> 'DELETE' AND NEW.priority) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    r := OLD;
    d_left := d_left - (r.status <> 'waiting')::integer;
    IF r.status = 'served' AND r.called_at IS NOT NULL AND r.finished_at IS NOT NULL THEN
      d_served := d_served - 1;
      d_secs := d_secs - extract(epoch FROM r.finished_at - r.called_at);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    d_left := d_left + 1;
  ELSE
    r := NEW;
    d_left := d_left + (r.status <> 'waiting')::integer;
    IF r.status = 'served' AND r.called_at IS NOT NULL AND r.finished_at IS NOT NULL THEN
      d_served := d_served + 1;
      d_secs := d_secs + extract(epoch FROM r.finished_at - r.called_at);
    END IF;
  END IF;
  IF d_left <> 0 OR d_served <> 0 OR d_secs <> 0 THEN
    INSERT INTO queue_progress AS p (hall_id, category_code, service_day, left_waiting, served_count, served_seconds)
      VALUES (r.hall_id, r.category_code, r.service_day, d_left, d_served, d_secs)
      ON CONFLICT (hall_id, category_code, service_day) DO UPDATE
        SET left_waiting = p.left_waiting + d_left,
            served_count = p.served_count + d_served,
            served_seconds = p.served_seconds + d_secs;
  END IF;
  RETURN NULL;
END
$fn$;
