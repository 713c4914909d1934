CREATE SCHEMA "register";
--> statement-breakpoint
CREATE TABLE "register"."person" (
	"national_id" text PRIMARY KEY NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "register"."person" USING btree (lower("family_name"),"date_of_birth");