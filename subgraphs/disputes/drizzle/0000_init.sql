CREATE SCHEMA "disputes";
--> statement-breakpoint
CREATE TABLE "disputes"."inbox" (
	"source" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "disputes"."objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"filed_by" text NOT NULL,
	"reasons" text NOT NULL,
	"evidence" text[] DEFAULT '{}' NOT NULL,
	"status" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"forwarded_on" date,
	"decided_on" date,
	"outcome_reasons" text
);
--> statement-breakpoint
CREATE TABLE "disputes"."outbox" (
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
CREATE TABLE "disputes"."record_facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"severity" text,
	"domain" text NOT NULL,
	"category" text NOT NULL,
	"region_code" text NOT NULL,
	"decided_on" date NOT NULL,
	"publicity_ends_on" date NOT NULL,
	"minimum_publicity_ends_on" date NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes"."repair_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"evidence" text[] NOT NULL,
	"credit_pledge" text NOT NULL,
	"status" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_on" date,
	"decision_reasons" text
);
--> statement-breakpoint
CREATE INDEX "objections_subject_idx" ON "disputes"."objections" USING btree ("subject_id","filed_at");--> statement-breakpoint
CREATE INDEX "objections_record_idx" ON "disputes"."objections" USING btree ("record_id","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "objections_open_record_key" ON "disputes"."objections" USING btree ("record_id") WHERE status in ('SUBMITTED', 'FORWARDED');--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "disputes"."outbox" USING btree ("destination","id") WHERE delivered_at is null;--> statement-breakpoint
CREATE INDEX "record_facts_subject_idx" ON "disputes"."record_facts" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "repair_applications_subject_idx" ON "disputes"."repair_applications" USING btree ("subject_id","filed_at");--> statement-breakpoint
CREATE INDEX "repair_applications_record_idx" ON "disputes"."repair_applications" USING btree ("record_id","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_applications_submitted_record_key" ON "disputes"."repair_applications" USING btree ("record_id") WHERE status = 'SUBMITTED';