CREATE TABLE "records"."record_changes" (
	"sequence" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "records"."record_changes_sequence_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"record_id" uuid NOT NULL,
	"change" text NOT NULL,
	"reason" text,
	"effective_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "record_changes_reason_check" CHECK ((change = 'PUBLICATION_STARTED') = (reason is null))
);
--> statement-breakpoint
ALTER TABLE "records"."credit_records" DROP CONSTRAINT "credit_records_document_key";--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD COLUMN "repair_id" uuid;--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD COLUMN "repaired_on" date;--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD COLUMN "revoked_on" date;--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD COLUMN "corrected_by_id" uuid;--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD COLUMN "closing_objection_id" uuid;--> statement-breakpoint
ALTER TABLE "records"."record_changes" ADD CONSTRAINT "record_changes_record_id_credit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "records"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "record_changes_started_idx" ON "records"."record_changes" USING btree ("record_id") WHERE change = 'PUBLICATION_STARTED';--> statement-breakpoint
CREATE UNIQUE INDEX "record_changes_ended_idx" ON "records"."record_changes" USING btree ("record_id") WHERE change = 'PUBLICATION_ENDED';--> statement-breakpoint
ALTER TABLE "records"."credit_records" ADD CONSTRAINT "credit_records_corrects_id_credit_records_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "records"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_records_document_idx" ON "records"."credit_records" USING btree ("determining_authority","document_number","subject_id") WHERE corrected_by_id is null;--> statement-breakpoint
CREATE INDEX "credit_records_disclosure_idx" ON "records"."credit_records" USING btree ("decided_on" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE kind = 'NEGATIVE' and severity = 'SERIOUS' and status = 'ACTIVE';