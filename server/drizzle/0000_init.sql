CREATE TABLE "feedback" (
	"prediction_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"client_id" text NOT NULL,
	CONSTRAINT "feedback_event_id_unique" UNIQUE("event_id"),
	CONSTRAINT "feedback_label_check" CHECK ("feedback"."label" in ('negative', 'positive'))
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"name" text NOT NULL,
	"version" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"config" jsonb NOT NULL,
	CONSTRAINT "model_versions_name_version_pk" PRIMARY KEY("name","version")
);
--> statement-breakpoint
CREATE TABLE "predictions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"model_name" text NOT NULL,
	"model_version" text NOT NULL,
	"label" text NOT NULL,
	"prob_negative" double precision NOT NULL,
	"prob_positive" double precision NOT NULL,
	"runtime" text NOT NULL,
	"latency_ms" double precision NOT NULL,
	"text_length" integer NOT NULL,
	"text" text,
	"text_sha256" text NOT NULL,
	"client_id" text NOT NULL,
	"source" text NOT NULL,
	"shadow" boolean DEFAULT false NOT NULL,
	"token_count" integer,
	"unknown_token_rate" double precision,
	CONSTRAINT "predictions_label_check" CHECK ("predictions"."label" in ('negative', 'positive')),
	CONSTRAINT "predictions_runtime_check" CHECK ("predictions"."runtime" in ('wasm', 'webgpu', 'server')),
	CONSTRAINT "predictions_source_check" CHECK ("predictions"."source" in ('web', 'api', 'simulator'))
);
--> statement-breakpoint
CREATE INDEX "feedback_created_idx" ON "feedback" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "predictions_model_created_idx" ON "predictions" USING btree ("model_name","model_version","created_at");--> statement-breakpoint
CREATE INDEX "predictions_created_idx" ON "predictions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "predictions_received_idx" ON "predictions" USING btree ("received_at");