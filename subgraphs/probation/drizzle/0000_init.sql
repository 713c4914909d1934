CREATE SCHEMA "probation";
--> statement-breakpoint
CREATE TABLE "probation"."offender" (
	"national_id" text PRIMARY KEY NOT NULL,
	"crn" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "probation"."offender_manager" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"office" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "probation"."order_condition" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "probation"."supervision_order" (
	"id" text PRIMARY KEY NOT NULL,
	"national_id" text NOT NULL,
	"type" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"risk_level" text NOT NULL,
	"offender_manager_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "order_condition_order_idx" ON "probation"."order_condition" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "supervision_order_person_idx" ON "probation"."supervision_order" USING btree ("national_id");