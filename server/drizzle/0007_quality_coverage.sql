-- Where the stored quality rollups start: the monitor now fills a week in newest first, a
-- bounded chunk per cycle (server/src/monitor/quality-tracker.ts). Rollups stored before this
-- migration were whole: a full pass over the window as it was at their watermark, whose first
-- minute is at least the watermark's minute less 7 days plus 2 minutes (the window's length in
-- minutes, the current one included, and the watermark's 60 s before the cycle).
ALTER TABLE "quality_rollup_state" ADD COLUMN "covered_from" timestamp with time zone;--> statement-breakpoint
UPDATE "quality_rollup_state" SET "covered_from" = date_trunc('minute', "watermark") - interval '7 days' + interval '2 minutes';--> statement-breakpoint
ALTER TABLE "quality_rollup_state" ALTER COLUMN "covered_from" SET NOT NULL;
