CREATE TABLE "quality_minutes" (
	"model_name" text NOT NULL,
	"model_version" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"predictions" integer NOT NULL,
	"predicted_positive" integer NOT NULL,
	"confidence_sum" double precision NOT NULL,
	"feedback" integer NOT NULL,
	"confidence_sum_with_feedback" double precision NOT NULL,
	"negative_negative" integer NOT NULL,
	"negative_positive" integer NOT NULL,
	"positive_negative" integer NOT NULL,
	"positive_positive" integer NOT NULL,
	"text_length_bins" integer[] NOT NULL,
	"unknown_token_rate_bins" integer[] NOT NULL,
	"caveated" integer[] NOT NULL,
	CONSTRAINT "quality_minutes_model_name_model_version_minute_pk" PRIMARY KEY("model_name","model_version","minute")
);
--> statement-breakpoint
CREATE TABLE "quality_rollup_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"profiles" text NOT NULL,
	CONSTRAINT "quality_rollup_state_one_row" CHECK ("quality_rollup_state"."id" = 1)
);
