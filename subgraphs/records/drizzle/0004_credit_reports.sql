CREATE TABLE "records"."credit_reports" (
	"number" text PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"requester_role" text NOT NULL,
	"grant_id" uuid,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"domains" text[] NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"code_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records"."grant_facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"grantee" text NOT NULL,
	"purpose" text NOT NULL,
	"scope" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records"."person_facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"citizen_id_number" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records"."score_rules" (
	"id" integer PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"bands" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_rules_singleton_check" CHECK (id = 1)
);
--> statement-breakpoint
CREATE INDEX "credit_reports_subject_idx" ON "records"."credit_reports" USING btree ("subject_id","issued_at");--> statement-breakpoint
CREATE INDEX "grant_facts_person_idx" ON "records"."grant_facts" USING btree ("person_id");