CREATE SCHEMA "police";
--> statement-breakpoint
CREATE TABLE "police"."incident" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"district" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police"."incident_person" (
	"incident_id" text NOT NULL,
	"national_id" text NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "incident_person_incident_id_national_id_pk" PRIMARY KEY("incident_id","national_id")
);
--> statement-breakpoint
CREATE TABLE "police"."intelligence_report" (
	"id" text PRIMARY KEY NOT NULL,
	"summary" text NOT NULL,
	"source_evaluation" smallint NOT NULL,
	"assessment" text NOT NULL,
	"handling_code" text NOT NULL,
	"handling_conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dissemination" text NOT NULL,
	"review_date" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"contact" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police"."person" (
	"national_id" text PRIMARY KEY NOT NULL,
	"pnc_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police"."report_subject" (
	"report_id" text NOT NULL,
	"national_id" text NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "report_subject_report_id_national_id_pk" PRIMARY KEY("report_id","national_id")
);
--> statement-breakpoint
CREATE TABLE "police"."warning_marker" (
	"id" serial PRIMARY KEY NOT NULL,
	"national_id" text NOT NULL,
	"type" text NOT NULL,
	"added_on" date NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE INDEX "incident_district_time_idx" ON "police"."incident" USING btree ("district","occurred_at" DESC);--> statement-breakpoint
CREATE INDEX "incident_person_person_idx" ON "police"."incident_person" USING btree ("national_id");--> statement-breakpoint
CREATE INDEX "report_subject_person_idx" ON "police"."report_subject" USING btree ("national_id");--> statement-breakpoint
CREATE INDEX "warning_marker_person_idx" ON "police"."warning_marker" USING btree ("national_id");