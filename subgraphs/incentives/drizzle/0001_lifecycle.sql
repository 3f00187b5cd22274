CREATE TABLE "incentives"."measure_triggers" (
	"measure_code" text NOT NULL,
	"trigger" text NOT NULL,
	"category" text,
	CONSTRAINT "measure_triggers_measure_code_trigger_pk" PRIMARY KEY("measure_code","trigger"),
	CONSTRAINT "measure_triggers_trigger_check" CHECK ("incentives"."measure_triggers"."trigger" in ('SERIOUS_DISHONESTY_LIST', 'RED_LIST', 'NO_NEGATIVE_RECORD_3_YEARS')),
	CONSTRAINT "measure_triggers_category_check" CHECK ("incentives"."measure_triggers"."category" is null or ("incentives"."measure_triggers"."trigger" = 'SERIOUS_DISHONESTY_LIST' and "incentives"."measure_triggers"."category" in ('REGISTRATION', 'JUDICIAL', 'ADMINISTRATIVE_ACT', 'PROFESSIONAL_QUALIFICATION', 'ABNORMAL_OPERATION_LIST', 'SERIOUS_DISHONESTY_LIST', 'CONTRACT_PERFORMANCE', 'CREDIT_PLEDGE', 'CREDIT_EVALUATION', 'HONOUR', 'VOLUNTARY')))
);
--> statement-breakpoint
CREATE TABLE "incentives"."red_list_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"nominating_department" text NOT NULL,
	"reason" text NOT NULL,
	"nominated_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"revoked_on" date,
	CONSTRAINT "red_list_entries_period_check" CHECK ("incentives"."red_list_entries"."ends_on" > "incentives"."red_list_entries"."nominated_on")
);
--> statement-breakpoint
ALTER TABLE "incentives"."measure_triggers" ADD CONSTRAINT "measure_triggers_measure_code_measures_code_fk" FOREIGN KEY ("measure_code") REFERENCES "incentives"."measures"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "red_list_entries_subject_idx" ON "incentives"."red_list_entries" USING btree ("subject_id");