CREATE TABLE "disputes"."calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_year_check" CHECK ("disputes"."calendar_years"."year" between 1950 and 2200)
);
