CREATE SCHEMA "identity";
--> statement-breakpoint
CREATE TABLE "identity"."persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"citizen_id_number" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"region_code" text NOT NULL,
	"occupations" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_citizen_id_number_key" UNIQUE("citizen_id_number")
);
--> statement-breakpoint
CREATE TABLE "identity"."real_name_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."real_name_registrations" ADD CONSTRAINT "real_name_registrations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "identity"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persons_region_idx" ON "identity"."persons" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "real_name_registrations_person_idx" ON "identity"."real_name_registrations" USING btree ("person_id");