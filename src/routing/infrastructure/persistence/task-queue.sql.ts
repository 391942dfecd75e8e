/** The task queue's statements (PgTaskQueue): each operation on execution_tasks is one of them. */

export const TASK_CHANNEL = 'execution_tasks';

/** pg_advisory_xact_lock key of the queue's ANALYZE (the migrator's is 4_711_001). */
const ANALYZE_LOCK = 4_711_002;

// Every signal of one event-loop turn in one statement and one commit (group commit): under load the
// intake is bound by commits, not by rows. The rows travel as one JSON document: pg would escape a text[]
// parameter character by character in JS.
//
// Dedupe (isRepeat, README "Repeats"): each row takes its alert key in alert_dedupe, or takes it over when the
// row there is $4 seconds old or more, or (an alert without a time) another alert of its scope was accepted
// after it. A key held by a concurrent statement (another intake process) is waited for by ON CONFLICT, then
// judged on its committed row: of two identical alerts, one is queued. A key sent twice in one statement is
// taken by its first row. Task ids are drawn first, so that the key's row names the task it queued.
//
// A row with `lease` set is handed off: inserted PROCESSING, leased to router $2 for $3 ms (attempt 1), exactly
// as a claim would lease it, unless an earlier task of its trade id is unfinished (the claim's rule). That check
// is a scalar subquery probing the trade id's open tasks (the partial index), computed once per row (`n` is
// materialized): written as NOT EXISTS in the select list, Postgres hashed it — every open task of every trade
// read per statement, and four times over, once per CASE that used it (3,000 open tasks: 25 ms per insert).
export const INSERT_MANY = `WITH r AS MATERIALIZED (
    SELECT r.*, nextval(pg_get_serial_sequence('execution_tasks', 'id')::regclass) AS id
    FROM jsonb_to_recordset($1::jsonb) AS r(ord int, trade_id text, event_type text, payload jsonb, lease boolean,
      body_hash text, alert_time text, scope text, key_trade_id text)),
  d AS (
    INSERT INTO alert_dedupe AS a (event_type, trade_id, body_hash, alert_time, scope, task_id)
    SELECT DISTINCT ON (event_type, key_trade_id, body_hash, alert_time)
      event_type, key_trade_id, body_hash, alert_time, scope, id
    FROM r ORDER BY event_type, key_trade_id, body_hash, alert_time, ord
    ON CONFLICT (event_type, trade_id, body_hash, alert_time) DO UPDATE
      SET task_id = EXCLUDED.task_id, scope = EXCLUDED.scope, received_at = now()
      WHERE a.received_at <= now() - $4 * interval '1 second'
        OR (a.alert_time = '' AND EXISTS (SELECT 1 FROM alert_dedupe o WHERE o.scope = a.scope AND o.task_id > a.task_id))
    RETURNING task_id),
  n AS MATERIALIZED (
    SELECT r.*, r.lease AND (SELECT e.id FROM execution_tasks e
        WHERE e.trade_id = r.trade_id AND e.status IN ('PENDING', 'PROCESSING') LIMIT 1) IS NULL AS leased
    FROM r WHERE r.id IN (SELECT task_id FROM d)),
  ins AS (
    INSERT INTO execution_tasks (id, trade_id, event_type, payload, status, locked_by, locked_until, attempts)
    SELECT id, trade_id, event_type, payload, CASE WHEN leased THEN 'PROCESSING' ELSE 'PENDING' END,
      CASE WHEN leased THEN $2::text END,
      CASE WHEN leased THEN now() + $3 * interval '1 millisecond' END,
      CASE WHEN leased THEN 1 ELSE 0 END
    FROM n
    RETURNING id, status, created_at)
  SELECT r.ord, ins.id, ins.status = 'PROCESSING' AS leased, ins.created_at FROM ins JOIN r ON r.id = ins.id`;

// The task each repeat repeats: the key's row as it stands.
export const REPEATED = `SELECT r.ord, a.task_id FROM jsonb_to_recordset($1::jsonb)
    AS r(ord int, event_type text, key_trade_id text, body_hash text, alert_time text)
  JOIN alert_dedupe a ON a.event_type = r.event_type AND a.trade_id = r.key_trade_id AND a.body_hash = r.body_hash
    AND a.alert_time = r.alert_time`;

// Keys older than any window still in use catch nothing: dropped now and then, a bounded batch at a time.
export const PURGE_KEYS = `DELETE FROM alert_dedupe WHERE ctid = ANY(ARRAY(
    SELECT ctid FROM alert_dedupe WHERE received_at < now() - $1 * interval '1 second' LIMIT 5000))`;

// Routers only need a wake-up. Sent after the insert has committed, in a statement of its own: a NOTIFY
// takes a database-wide lock at commit, so inserts notifying themselves would commit one at a time.
export const ANNOUNCE = `SELECT pg_notify('${TASK_CHANNEL}', $1)`;

// Due: pending and available, or processing with an expired lease. A task waits while an earlier task of
// the same trade id is unfinished, so an exit never overtakes its entry, nor a reused id's next entry the last
// exit, even across routers. The check is one probe of the open tasks of that trade id (a partial index, a few
// rows whatever the planner's statistics say: with the whole table in reach, a queue filled faster than
// autovacuum analyzes it got an index-wide BitmapAnd per candidate, 4 s per claim at 20k).
export const CLAIM = `UPDATE execution_tasks t
  SET status = 'PROCESSING', locked_by = $1, locked_until = now() + $2 * interval '1 millisecond',
      attempts = t.attempts + 1, updated_at = now()
  WHERE t.id IN (
    SELECT c.id FROM execution_tasks c
    WHERE c.status IN ('PENDING', 'PROCESSING')
      AND CASE c.status WHEN 'PENDING' THEN c.available_at <= now() ELSE c.locked_until < now() END
      AND NOT EXISTS (SELECT 1 FROM execution_tasks e
                      WHERE e.trade_id = c.trade_id AND e.id < c.id AND e.status IN ('PENDING', 'PROCESSING'))
    ORDER BY c.id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING t.id, t.payload, t.attempts, t.created_at`;

// The lease holder's id and the claim's attempt number fence every later write.
const MINE = `id = $1 AND locked_by = $2 AND attempts = $3 AND status = 'PROCESSING'`;

// Every completion of one event-loop turn in one statement and one commit, each row still fenced. A
// completion whose trade id has a later task PENDING (an exit that waited for its entry) says so. That task is
// looked up among the trade id's open tasks (the partial index the claim probes) and its status read after:
// with a status condition of its own a queue filled faster than autovacuum analyzes it got a scan of every
// PENDING task per completed row (20,000 queued: 554 tasks/s instead of 1,500).
export const COMPLETE_MANY = `WITH r AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, locked_by text, attempts int, body jsonb)),
  done AS (
    UPDATE execution_tasks t SET status = 'COMPLETED', outcome = r.body->>'outcome', completed_at = now(),
      updated_at = now(), locked_until = NULL
    FROM r WHERE t.id = r.id AND t.locked_by = r.locked_by AND t.attempts = r.attempts AND t.status = 'PROCESSING'
    RETURNING t.id, t.trade_id, r.body),
  logged AS (INSERT INTO execution_logs (task_id, response_body) SELECT id, body FROM done ORDER BY id)
  SELECT d.id, coalesce((SELECT bool_or(s.status = 'PENDING') FROM execution_tasks s
      WHERE s.trade_id = d.trade_id AND s.id > d.id AND s.status IN ('PENDING', 'PROCESSING')), false) AS unblocked
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

// The queue's own ANALYZE after a slow claim (PgTaskQueue.refreshStatistics), run by one process at a time
// (the others skip it) and skipped when the table was analyzed in the last 30 s by any process or autovacuum.
export const ANALYZE_ONCE = `DO $$ BEGIN
    IF pg_try_advisory_xact_lock(${ANALYZE_LOCK}) AND NOT EXISTS (SELECT 1 FROM pg_stat_user_tables
        WHERE relid = 'execution_tasks'::regclass
          AND greatest(last_analyze, last_autoanalyze) > now() - interval '30 seconds') THEN
      ANALYZE execution_tasks;
    END IF;
  END $$`;
