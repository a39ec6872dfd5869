CREATE TABLE "dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"event_id" text NOT NULL,
	"sql_state" text,
	"error" text NOT NULL,
	"payload" text NOT NULL,
	CONSTRAINT "dead_letters_source_event_unique" UNIQUE("source","event_id"),
	CONSTRAINT "dead_letters_source_check" CHECK ("dead_letters"."source" in ('events', 'prediction_log'))
);
