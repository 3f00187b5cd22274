CREATE SCHEMA "records";
--> statement-breakpoint
CREATE TABLE "records"."credit_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"severity" text,
	"domain" text NOT NULL,
	"category" text NOT NULL,
	"region_code" text NOT NULL,
	"determining_authority" text NOT NULL,
	"document_number" text NOT NULL,
	"legal_basis" text NOT NULL,
	"decided_on" date NOT NULL,
	"summary" text NOT NULL,
	"publicity_ends_on" date NOT NULL,
	"minimum_publicity_ends_on" date NOT NULL,
	"publicity_regime" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"under_objection" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_records_document_key" UNIQUE("determining_authority","document_number","subject_id")
);
--> statement-breakpoint
CREATE TABLE "records"."inbox" (
	"source" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "records"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"destination" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE INDEX "credit_records_subject_idx" ON "records"."credit_records" USING btree ("subject_id","decided_on","id");--> statement-breakpoint
CREATE INDEX "credit_records_statistics_idx" ON "records"."credit_records" USING btree ("status","publicity_ends_on","region_code","domain");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "records"."outbox" USING btree ("destination","id") WHERE delivered_at is null;