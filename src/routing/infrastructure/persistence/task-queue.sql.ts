/** The task queue's statements (PgTaskQueue): each operation on execution_tasks is one of them. */

export const TASK_CHANNEL = 'execution_tasks';

// Every signal of one event-loop turn in one statement and one commit (group commit): under load the
// intake is bound by commits, not by rows. The rows travel as one JSON document: pg would escape a text[]
// parameter character by character in JS. A row with `lease` set is handed off: inserted PROCESSING, leased
// to router $2 for $3 ms (attempt 1), exactly as a claim would lease it, unless an earlier task of its trade
// is unfinished (the claim's rule; the other event read by its unique key, as in COMPLETE_MANY).
export const INSERT_MANY = `WITH r AS (
    SELECT r.*, r.lease AND NOT coalesce((
        SELECT e.status IN ('PENDING', 'PROCESSING') FROM execution_tasks e
        WHERE e.trade_id = r.trade_id
          AND e.event_type = CASE r.event_type WHEN 'entry' THEN 'exit' ELSE 'entry' END), false) AS leased
    FROM jsonb_to_recordset($1::jsonb) AS r(trade_id text, event_type text, payload jsonb, lease boolean)),
  ins AS (
    INSERT INTO execution_tasks (trade_id, event_type, payload, status, locked_by, locked_until, attempts)
    SELECT trade_id, event_type, payload, CASE WHEN leased THEN 'PROCESSING' ELSE 'PENDING' END,
      CASE WHEN leased THEN $2::text END,
      CASE WHEN leased THEN now() + $3 * interval '1 millisecond' END,
      CASE WHEN leased THEN 1 ELSE 0 END
    FROM r
    ON CONFLICT (trade_id, event_type) DO NOTHING
    RETURNING id, trade_id, event_type, status, created_at)
  SELECT id, trade_id, event_type, status = 'PROCESSING' AS leased, created_at FROM ins`;

// Routers only need a wake-up. Sent after the insert has committed, in a statement of its own: a NOTIFY
// takes a database-wide lock at commit, so inserts notifying themselves would commit one at a time.
export const ANNOUNCE = `SELECT pg_notify('${TASK_CHANNEL}', $1)`;

// Due: pending and available, or processing with an expired lease. A task waits while an earlier task of
// the same trade is unfinished, so an exit never overtakes its entry, even across routers. (trade_id,
// event_type) is unique, so that earlier task can only be the trade's other event: naming it lets the check be
// one lookup in the unique index whatever the planner's statistics say (with `e.id < c.id` alone, a queue
// filled faster than autovacuum analyzes it got an index-wide BitmapAnd per candidate: 4 s per claim at 20k).
export const CLAIM = `UPDATE execution_tasks t
  SET status = 'PROCESSING', locked_by = $1, locked_until = now() + $2 * interval '1 millisecond',
      attempts = t.attempts + 1, updated_at = now()
  WHERE t.id IN (
    SELECT c.id FROM execution_tasks c
    WHERE c.status IN ('PENDING', 'PROCESSING')
      AND CASE c.status WHEN 'PENDING' THEN c.available_at <= now() ELSE c.locked_until < now() END
      AND NOT EXISTS (SELECT 1 FROM execution_tasks e
                      WHERE e.trade_id = c.trade_id
                        AND e.event_type = CASE c.event_type WHEN 'entry' THEN 'exit' ELSE 'entry' END
                        AND e.id < c.id AND e.status IN ('PENDING', 'PROCESSING'))
    ORDER BY c.id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING t.id, t.payload, t.attempts, t.created_at`;

// The lease holder's id and the claim's attempt number fence every later write.
const MINE = `id = $1 AND locked_by = $2 AND attempts = $3 AND status = 'PROCESSING'`;

// Every completion of one event-loop turn in one statement and one commit, each row still fenced. A
// completion whose trade's other event is PENDING (an exit that waited for its entry) says so. That other
// event is looked up by its unique key and its status read after, never filtered in the lookup: with a
// status condition a queue filled faster than autovacuum analyzes it got a scan of every PENDING task
// per completed row (20,000 queued: 554 tasks/s instead of 1,500).
export const COMPLETE_MANY = `WITH r AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, locked_by text, attempts int, body jsonb)),
  done AS (
    UPDATE execution_tasks t SET status = 'COMPLETED', outcome = r.body->>'outcome', completed_at = now(),
      updated_at = now(), locked_until = NULL
    FROM r WHERE t.id = r.id AND t.locked_by = r.locked_by AND t.attempts = r.attempts AND t.status = 'PROCESSING'
    RETURNING t.id, t.trade_id, t.event_type, r.body),
  logged AS (INSERT INTO execution_logs (task_id, response_body) SELECT id, body FROM done ORDER BY id)
  SELECT d.id, coalesce((SELECT s.status = 'PENDING' FROM execution_tasks s
      WHERE s.trade_id = d.trade_id
        AND s.event_type = CASE d.event_type WHEN 'entry' THEN 'exit' ELSE 'entry' END), false) AS unblocked
  FROM done d`;

export const RETRY_LATER = `UPDATE execution_tasks SET status = 'PENDING', available_at = now() + $5 * interval '1 millisecond',
    locked_by = NULL, locked_until = NULL, last_error = $4, updated_at = now() WHERE ${MINE}`;

export const FAIL = `UPDATE execution_tasks SET status = 'FAILED', locked_until = NULL, last_error = $4, updated_at = now()
  WHERE ${MINE}`;

export const RELEASE = `UPDATE execution_tasks t SET status = 'PENDING', attempts = t.attempts - 1, locked_by = NULL,
    locked_until = NULL, updated_at = now()
  FROM unnest($1::bigint[], $3::int[]) AS r(id, attempts)
  WHERE t.id = r.id AND t.attempts = r.attempts AND t.locked_by = $2 AND t.status = 'PROCESSING'`;

export const EXTEND = `UPDATE execution_tasks SET locked_until = now() + $3 * interval '1 millisecond'
  WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'PROCESSING'`;

export const RETRY_FAILED = `UPDATE execution_tasks SET status = 'PENDING', attempts = 0, available_at = now(),
    locked_by = NULL, locked_until = NULL, updated_at = now() WHERE id = $1 AND status = 'FAILED' RETURNING id`;
