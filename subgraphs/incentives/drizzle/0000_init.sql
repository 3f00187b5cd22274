CREATE SCHEMA "incentives";
--> statement-breakpoint
CREATE TABLE "incentives"."grade_bands" (
	"grade" text PRIMARY KEY NOT NULL,
	"min_score" integer,
	CONSTRAINT "grade_bands_grade_check" CHECK ("incentives"."grade_bands"."grade" in ('AAA', 'AA', 'A', 'B', 'C', 'D'))
);
--> statement-breakpoint
CREATE TABLE "incentives"."inbox" (
	"source" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "incentives"."measures" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"legal_basis" text NOT NULL,
	"implementing_department" text NOT NULL,
	CONSTRAINT "measures_kind_check" CHECK ("incentives"."measures"."kind" in ('INCENTIVE', 'PUNISHMENT'))
);
--> statement-breakpoint
CREATE TABLE "incentives"."outbox" (
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
CREATE TABLE "incentives"."record_facts" (
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
CREATE TABLE "incentives"."score_weights" (
	"code" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "incentives"."outbox" USING btree ("destination","id") WHERE delivered_at is null;--> statement-breakpoint
CREATE INDEX "record_facts_subject_idx" ON "incentives"."record_facts" USING btree ("subject_id");