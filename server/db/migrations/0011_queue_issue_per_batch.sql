-- queue_issue_tickets, per batch where it can be (issue 18). The same answers as 0004's, with less
-- work per ticket: the hall's and category's names, the windows that called in the last hour and
-- the category's progress are read once per (hall, category, day) of the batch instead of once per
-- ticket (inserting a waiting ticket changes none of them); keys seen before are found by one
-- lookup for the whole batch; the issued tickets' audit rows are written by one insert at the end,
-- in the same commit. Per ticket there remain its subtransaction, the counter's increment, the
-- ticket's insert and, for a card holder, the count of their waiting tickets. A retry racing its
-- twin in the same batch still ends in the unique_violation handler, as before.
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
  place_found boolean := false;
  group_key text;
  seen jsonb;
  prior jsonb;
  issued boolean;
  a_ids uuid[] := '{}';
  a_terminals text[] := '{}';
  a_cats text[] := '{}';
  a_numbers integer[] := '{}';
  a_for_person boolean[] := '{}';
BEGIN
  SELECT coalesce(jsonb_object_agg(t.idempotency_key, jsonb_build_array(t.id, t.number)), '{}'::jsonb) INTO seen
    FROM queue_tickets t
    WHERE t.idempotency_key IN (SELECT e.v ->> 'key' FROM jsonb_array_elements(p_items) AS e(v));
  FOR it IN
    SELECT e.i::integer AS i, x.*
      FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(v, i),
           jsonb_to_record(e.v) AS x(hall text, cat text, day date, person integer, terminal text, key text,
             at timestamptz, max integer, subject text)
      ORDER BY x.hall, x.cat, x.day, e.i
  LOOP
    IF group_key IS DISTINCT FROM concat_ws('|', it.hall, it.cat, it.day) THEN
      group_key := concat_ws('|', it.hall, it.cat, it.day);
      SELECT h.name AS hall_name, h.address AS hall_address, h.time_zone, c.name AS category_name INTO place
        FROM halls h JOIN service_categories c ON c.hall_id = h.id AND c.code = it.cat WHERE h.id = it.hall;
      place_found := FOUND;
      IF place_found THEN
        -- Windows that called this category in the last hour (for the wait estimate), before the lock.
        SELECT count(DISTINCT t.window_no) INTO w FROM queue_tickets t
          WHERE t.hall_id = it.hall AND t.service_day = it.day AND t.category_code = it.cat
            AND t.called_at IS NOT NULL AND t.called_at > it.at - interval '1 hour';
        SELECT * INTO pr FROM queue_progress p
          WHERE p.hall_id = it.hall AND p.category_code = it.cat AND p.service_day = it.day;
      END IF;
    END IF;
    IF NOT place_found THEN
      RETURN QUERY SELECT it.i, 'notFound'::text, NULL::uuid, NULL::integer, NULL::integer, NULL::integer,
        NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text;
      CONTINUE;
    END IF;
    -- A key seen before is a retry: its ticket, without touching the counter.
    prior := seen -> it.key;
    IF prior IS NOT NULL THEN
      RETURN QUERY SELECT it.i, 'retried'::text, (prior ->> 0)::uuid, (prior ->> 1)::integer, NULL::integer,
        NULL::integer, NULL::double precision, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text;
      CONTINUE;
    END IF;
    issued := false;
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
      -- Variables keep what a rolled-back block set: the flag is the block's last statement.
      issued := true;
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
    IF issued THEN
      a_ids := a_ids || tid;
      a_terminals := a_terminals || it.terminal;
      a_cats := a_cats || it.cat;
      a_numbers := a_numbers || n;
      a_for_person := a_for_person || (it.person IS NOT NULL);
      RETURN QUERY SELECT it.i, 'issued'::text, tid, n, n - 1 - coalesce(pr.left_waiting, 0),
        coalesce(pr.served_count, 0), coalesce(pr.served_seconds, 0::double precision), w,
        place.hall_name, place.hall_address, place.time_zone, place.category_name;
    END IF;
  END LOOP;
  INSERT INTO audit_log (actor_kind, actor_id, terminal_id, action, result, subject_id, detail)
    SELECT 'terminal', x.terminal, x.terminal, 'queue.issue', 'ok', x.id::text,
        jsonb_build_object('categoryCode', x.cat, 'number', x.number, 'forPerson', x.for_person)
      FROM unnest(a_ids, a_terminals, a_cats, a_numbers, a_for_person) AS x(id, terminal, cat, number, for_person);
END
$fn$;
