-- Feedback partitioned by day (UTC) like predictions, on the day of the prediction it judges
-- (prediction_created_at, copied from the prediction when the verdict is stored), so that "one
-- verdict per prediction" stays a real key, (prediction_id, prediction_created_at), and a
-- day's feedback is dropped with that day's predictions. A verdict whose prediction is not
-- stored (yet) has prediction_created_at '-infinity' and waits in feedback_awaiting, below any
-- storable prediction time (2000-01-01, core/src/contracts/storable.ts), until it arrives
-- ('-infinity' is also the default, so a writer that does not look the time up parks its rows
-- there, and storage maintenance moves them; server/src/storage/awaiting-feedback.ts). The
-- unique key on event_id alone cannot hold in a partitioned table (a key must contain the
-- partition key): it becomes (event_id, prediction_created_at), which settles concurrent copies
-- of an event (they judge the same prediction, or both await it), and ingestion looks event
-- ids up across every day before storing them (server/src/ingest/event-store.ts).
-- Every row is moved; rows whose prediction sits in predictions_default go to feedback_default.
DROP INDEX IF EXISTS "feedback_created_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "feedback_received_idx";--> statement-breakpoint
ALTER TABLE "feedback" RENAME TO "feedback_unpartitioned";--> statement-breakpoint
ALTER TABLE "feedback_unpartitioned" DROP CONSTRAINT "feedback_pkey";--> statement-breakpoint
ALTER TABLE "feedback_unpartitioned" DROP CONSTRAINT "feedback_event_id_unique";--> statement-breakpoint
ALTER TABLE "feedback_unpartitioned" DROP CONSTRAINT "feedback_label_check";--> statement-breakpoint
CREATE TABLE "feedback" (
	"prediction_id" uuid NOT NULL,
	"prediction_created_at" timestamp with time zone DEFAULT '-infinity' NOT NULL,
	"event_id" uuid NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"client_id" text NOT NULL,
	CONSTRAINT "feedback_prediction_id_prediction_created_at_pk" PRIMARY KEY("prediction_id","prediction_created_at"),
	CONSTRAINT "feedback_event_id_prediction_created_at_unique" UNIQUE("event_id","prediction_created_at"),
	CONSTRAINT "feedback_label_check" CHECK ("feedback"."label" in ('negative', 'positive'))
) PARTITION BY RANGE ("prediction_created_at");--> statement-breakpoint
CREATE INDEX "feedback_received_idx" ON "feedback" USING btree ("received_at");--> statement-breakpoint
CREATE TABLE "feedback_awaiting" PARTITION OF "feedback" FOR VALUES FROM (MINVALUE) TO ('2000-01-01 00:00:00+00');--> statement-breakpoint
CREATE TABLE "feedback_default" PARTITION OF "feedback" DEFAULT;--> statement-breakpoint
-- One feedback partition per day partition of predictions, with the same bounds.
DO $$
DECLARE
  day date;
BEGIN
  FOR day IN
    SELECT to_date(substring(c.relname from '^predictions_p(\d{8})$'), 'YYYYMMDD')
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'predictions'::regclass AND c.relname ~ '^predictions_p\d{8}$'
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "feedback" FOR VALUES FROM (%L) TO (%L)',
      'feedback_p' || to_char(day, 'YYYYMMDD'),
      day::timestamp AT TIME ZONE 'UTC',
      (day + 1)::timestamp AT TIME ZONE 'UTC'
    );
  END LOOP;
END
$$;--> statement-breakpoint
-- The judged prediction's time; of an id stored at several times (reused more than a day
-- apart, see event-store.ts), the latest, as ingestion picks it.
INSERT INTO "feedback" ("prediction_id", "prediction_created_at", "event_id", "label", "created_at", "received_at", "client_id")
SELECT f."prediction_id", coalesce(judged."created_at", '-infinity'), f."event_id", f."label", f."created_at", f."received_at", f."client_id"
  FROM "feedback_unpartitioned" f
  LEFT JOIN (
    SELECT p."id", max(p."created_at") AS "created_at" FROM "predictions" p
     WHERE p."id" IN (SELECT "prediction_id" FROM "feedback_unpartitioned")
     GROUP BY p."id"
  ) judged ON judged."id" = f."prediction_id";--> statement-breakpoint
DROP TABLE "feedback_unpartitioned";
