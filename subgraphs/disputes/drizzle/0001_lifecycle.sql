CREATE TABLE "disputes"."calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "calendar_days_kind_check" CHECK ("disputes"."calendar_days"."kind" in ('HOLIDAY', 'WORKDAY'))
);
--> statement-breakpoint
ALTER TABLE "disputes"."objections" ADD COLUMN "correction" jsonb;--> statement-breakpoint
CREATE INDEX "objections_open_anchor_idx" ON "disputes"."objections" USING btree (coalesce(forwarded_on, filed_on),"id") WHERE status in ('SUBMITTED', 'FORWARDED');