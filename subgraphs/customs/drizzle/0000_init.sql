CREATE SCHEMA "customs";
--> statement-breakpoint
CREATE TABLE "customs"."border_crossing" (
	"id" text PRIMARY KEY NOT NULL,
	"national_id" text NOT NULL,
	"crossed_at" timestamp with time zone NOT NULL,
	"port" text NOT NULL,
	"direction" text NOT NULL,
	"travel_document" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customs"."customs_flag" (
	"id" serial PRIMARY KEY NOT NULL,
	"national_id" text NOT NULL,
	"type" text NOT NULL,
	"reason" text NOT NULL,
	"raised_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customs"."seizure" (
	"id" text PRIMARY KEY NOT NULL,
	"national_id" text NOT NULL,
	"seized_at" timestamp with time zone NOT NULL,
	"goods" text NOT NULL,
	"quantity" double precision NOT NULL,
	"unit" text NOT NULL,
	"value_gbp" numeric(12, 2) NOT NULL,
	"place" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customs"."traveller" (
	"national_id" text PRIMARY KEY NOT NULL,
	"nationality" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "border_crossing_person_idx" ON "customs"."border_crossing" USING btree ("national_id","crossed_at");--> statement-breakpoint
CREATE INDEX "customs_flag_person_idx" ON "customs"."customs_flag" USING btree ("national_id");--> statement-breakpoint
CREATE INDEX "seizure_person_idx" ON "customs"."seizure" USING btree ("national_id");