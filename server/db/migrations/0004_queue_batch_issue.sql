CREATE TABLE "queue_progress" (
	"hall_id" text NOT NULL,
	"category_code" char(1) NOT NULL,
	"service_day" date NOT NULL,
	"left_waiting" integer DEFAULT 0 NOT NULL,
	"served_count" integer DEFAULT 0 NOT NULL,
	"served_seconds" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_progress_pk" PRIMARY KEY("hall_id","category_code","service_day")
);
--> statement-breakpoint
ALTER TABLE "queue_progress" ADD CONSTRAINT "queue_progress_hall_id_halls_id_fk" FOREIGN KEY ("hall_id") REFERENCES "public"."halls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_tickets_called_idx" ON "queue_tickets" USING btree ("hall_id","service_day","category_code","called_at") WHERE "queue_tickets"."called_at" is not null;--> statement-breakpoint
-- What one ticket row adds to its category's queue_progress row: left waiting (called, skipped,
-- served, or deleted while waiting), and, once served, its service time.
CREATE OR REPLACE FUNCTION queue_progress_track() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  d_left integer := 0;
  d_served integer := 0;
  d_secs double precision := 0;
  r queue_tickets;
BEGIN
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
--> statement-breakpoint
CREATE TRIGGER queue_progress_on_insert AFTER INSERT ON queue_tickets
  FOR EACH ROW WHEN (NEW.status <> 'waiting') EXECUTE FUNCTION queue_progress_track();
--> statement-breakpoint
CREATE TRIGGER queue_progress_on_update AFTER UPDATE ON queue_tickets
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.called_at IS DISTINCT FROM NEW.called_at
    OR OLD.finished_at IS DISTINCT FROM NEW.finished_at) EXECUTE FUNCTION queue_progress_track();
--> statement-breakpoint
CREATE TRIGGER queue_progress_on_delete AFTER DELETE ON queue_tickets
  FOR EACH ROW EXECUTE FUNCTION queue_progress_track();
--> statement-breakpoint
INSERT INTO queue_progress (hall_id, category_code, service_day, left_waiting, served_count, served_seconds)
  SELECT hall_id, category_code, service_day,
    count(*) FILTER (WHERE status <> 'waiting'),
    count(*) FILTER (WHERE status = 'served' AND called_at IS NOT NULL AND finished_at IS NOT NULL),
    coalesce(sum(extract(epoch FROM finished_at - called_at))
      FILTER (WHERE status = 'served' AND called_at IS NOT NULL AND finished_at IS NOT NULL), 0)
  FROM queue_tickets GROUP BY hall_id, category_code, service_day;
--> statement-breakpoint
-- Replaced by queue_issue_tickets (created at first use by the server of issue 6; gone with this one).
DROP FUNCTION IF EXISTS queue_issue_ticket(text, text, date, integer, text, text, timestamptz, integer);
--> statement-breakpoint
-- Issues a batch of tickets in one statement and one commit (server/queue/issue-batch.ts), with
-- each ticket's audit row. Items are taken in (hall, category, day) order, so two batches (on any
-- instances) lock counter rows in the same order and cannot deadlock. Each item is its own
-- subtransaction: a duplicate key (a retry racing its twin), the per-person limit or any other
-- error rolls back that item's increment only, so no number is skipped and no item fails another.
CREATE OR REPLACE FUNCTION queue_issue_tickets(p_items jsonb)
RETURNS TABLE (ord integer, outcome text, ticket_id uuid, ticket_number integer, people_ahead integer,
  served_count integer, served_seconds double precision, windows integer,
  hall_name text, hall_address text, hall_time_zone text, category_name text)
LANGUAGE plpgsql AS $fn$
DECLARE
  it record;
  n integer;
  held integer;
  tid uuid;
  w integer;
  pr queue_progress;
  place record;
BEGIN
  FOR it IN
    SELECT e.i::integer AS i, x.*
      FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(v, i),
           jsonb_to_record(e.v) AS x(hall text, cat text, day date, person integer, terminal text, key text,
             at timestamptz, max integer, subject text)
      ORDER BY x.hall, x.cat, x.day, e.i
  LOOP
    SELECT h.name AS hall_name, h.address AS hall_address, h.time_zone, c.name AS category_name INTO place
      FROM halls h JOIN service_categories c ON c.hall_id = h.id AND c.code = it.cat WHERE h.id = it.hall;
    IF NOT FOUND THEN
      RETURN QUERY SELECT it.i, 'notFound'::text, NULL::uuid, NULL::integer, NULL::integer, NULL::integer,
        NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text;
      CONTINUE;
    END IF;
    -- A key seen before is a retry: its ticket, without touching the counter.
    SELECT t.id, t.number INTO tid, n FROM queue_tickets t WHERE t.idempotency_key = it.key;
    IF FOUND THEN
      RETURN QUERY SELECT it.i, 'retried'::text, tid, n, NULL::integer, NULL::integer,
        NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text;
      CONTINUE;
    END IF;
    -- Windows that called this category in the last hour (for the wait estimate), before the lock.
    SELECT count(DISTINCT t.window_no) INTO w FROM queue_tickets t
      WHERE t.hall_id = it.hall AND t.service_day = it.day AND t.category_code = it.cat
        AND t.called_at IS NOT NULL AND t.called_at > it.at - interval '1 hour';
    BEGIN
      INSERT INTO queue_counters AS c (hall_id, category_code, service_day, last_number)
        VALUES (it.hall, it.cat, it.day, 1)
        ON CONFLICT (hall_id, category_code, service_day) DO UPDATE SET last_number = c.last_number + 1
        RETURNING c.last_number INTO n;
      IF it.person IS NOT NULL AND it.max > 0 THEN
        SELECT count(*) INTO held FROM queue_tickets t
          WHERE t.person_id = it.person AND t.service_day = it.day AND t.hall_id = it.hall
            AND t.category_code = it.cat AND t.status IN ('waiting', 'called');
        IF held >= it.max THEN
          RAISE EXCEPTION 'ticketLimit';
        END IF;
      END IF;
      INSERT INTO queue_tickets (hall_id, category_code, service_day, number, person_id, terminal_id, idempotency_key, issued_at)
        VALUES (it.hall, it.cat, it.day, n, it.person, it.terminal, it.key, it.at)
        RETURNING id INTO tid;
      INSERT INTO audit_log (actor_kind, actor_id, terminal_id, action, result, subject_id, detail)
        VALUES ('terminal', it.terminal, it.terminal, 'queue.issue', 'ok', tid::text,
          jsonb_build_object('categoryCode', it.cat, 'number', n, 'forPerson', it.person IS NOT NULL));
      SELECT * INTO pr FROM queue_progress p
        WHERE p.hall_id = it.hall AND p.category_code = it.cat AND p.service_day = it.day;
      RETURN QUERY SELECT it.i, 'issued'::text, tid, n, n - 1 - coalesce(pr.left_waiting, 0),
        coalesce(pr.served_count, 0), coalesce(pr.served_seconds, 0::double precision), w,
        place.hall_name, place.hall_address, place.time_zone, place.category_name;
    EXCEPTION
      WHEN unique_violation THEN
        RETURN QUERY SELECT it.i, 'retried'::text, t.id, t.number, NULL::integer, NULL::integer,
          NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text
          FROM queue_tickets t WHERE t.idempotency_key = it.key;
      WHEN raise_exception THEN
        INSERT INTO audit_log (actor_kind, actor_id, terminal_id, action, result, subject_id, detail)
          VALUES ('terminal', it.terminal, it.terminal, 'queue.issue', 'ticketLimit', it.subject,
            jsonb_build_object('categoryCode', it.cat));
        RETURN QUERY SELECT it.i, 'ticketLimit'::text, NULL::uuid, NULL::integer, NULL::integer, NULL::integer,
          NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text;
      WHEN OTHERS THEN
        RETURN QUERY SELECT it.i, ('failed ' || SQLSTATE)::text, NULL::uuid, NULL::integer, NULL::integer,
          NULL::integer, NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text;
    END;
  END LOOP;
END
$fn$;
