-- Predictions partitioned by day (UTC) on created_at, the event's own time, so retention drops
-- whole days instead of deleting rows. The new table is built LIKE the old one, so any column
-- an earlier migration added comes along; every row is moved. A key of a partitioned table must
-- hold the partition key: (id, created_at). Rows of a day without a partition land in
-- predictions_default and are moved out when the monitor creates that day (storage/partitions.ts).
DROP INDEX IF EXISTS "predictions_model_created_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "predictions_created_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "predictions_received_idx";--> statement-breakpoint
ALTER TABLE "predictions" RENAME TO "predictions_unpartitioned";--> statement-breakpoint
ALTER TABLE "predictions_unpartitioned" DROP CONSTRAINT "predictions_pkey";--> statement-breakpoint
CREATE TABLE "predictions" (LIKE "predictions_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE ("created_at");--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_id_created_at_pk" PRIMARY KEY ("id", "created_at");--> statement-breakpoint
CREATE INDEX "predictions_model_created_idx" ON "predictions" USING btree ("model_name", "model_version", "created_at");--> statement-breakpoint
CREATE INDEX "predictions_created_idx" ON "predictions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "predictions_received_idx" ON "predictions" USING btree ("received_at");--> statement-breakpoint
CREATE TABLE "predictions_default" PARTITION OF "predictions" DEFAULT;--> statement-breakpoint
-- One partition per day that holds rows, and yesterday to three days ahead: the rows move
-- straight into their days, and ingestion has its days before the monitor first runs.
DO $$
DECLARE
  day date;
BEGIN
  FOR day IN
    SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM "predictions_unpartitioned"
    UNION
    SELECT (now() AT TIME ZONE 'UTC')::date + offset_days FROM generate_series(-1, 3) AS offset_days
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "predictions" FOR VALUES FROM (%L) TO (%L)',
      'predictions_p' || to_char(day, 'YYYYMMDD'),
      day::timestamp AT TIME ZONE 'UTC',
      (day + 1)::timestamp AT TIME ZONE 'UTC'
    );
  END LOOP;
END
$$;--> statement-breakpoint
INSERT INTO "predictions" SELECT * FROM "predictions_unpartitioned";--> statement-breakpoint
DROP TABLE "predictions_unpartitioned";
