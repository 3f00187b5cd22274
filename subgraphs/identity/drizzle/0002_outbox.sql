CREATE TABLE "identity"."inbox" (
	"source" text NOT NULL,
	"event_id" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."outbox" (
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
CREATE INDEX "outbox_pending_idx" ON "identity"."outbox" USING btree ("destination","id") WHERE delivered_at is null;--> statement-breakpoint
-- Backfill: records learns of every person and grant registered before identity had an outbox.
INSERT INTO "identity"."outbox" ("destination", "type", "payload")
SELECT 'records', 'person.changed', jsonb_build_object('id', "id", 'name', "name", 'citizenIdNumber', "citizen_id_number", 'version', 1)
FROM "identity"."persons" ORDER BY "created_at", "id";
--> statement-breakpoint
INSERT INTO "identity"."outbox" ("destination", "type", "payload")
SELECT 'records', 'grant.changed', jsonb_build_object(
  'id', "id", 'personId', "person_id", 'grantee', "grantee", 'purpose', "purpose", 'scope', to_jsonb("scope"),
  'expiresAt', to_char("expires_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'revokedAt', CASE WHEN "revoked_at" IS NULL THEN NULL ELSE to_char("revoked_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
  'version', CASE WHEN "revoked_at" IS NULL THEN 1 ELSE 2 END)
FROM "identity"."authorization_grants" ORDER BY "created_at", "id";
