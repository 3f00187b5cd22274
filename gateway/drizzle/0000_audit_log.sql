CREATE SCHEMA "gateway";
--> statement-breakpoint
CREATE TABLE "gateway"."audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"principal_sub" text NOT NULL,
	"role" text NOT NULL,
	"department" text,
	"purpose" text,
	"grant_id" text,
	"operation_name" text,
	"operation_hash" text NOT NULL,
	"fields" jsonb NOT NULL,
	"person_ids" text[] NOT NULL,
	"outcome" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_person_ids_idx" ON "gateway"."audit_log" USING gin ("person_ids");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "gateway"."audit_log" USING btree ("at");