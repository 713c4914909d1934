CREATE SCHEMA "hub";
--> statement-breakpoint
CREATE TABLE "hub"."audit_checkpoint" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"chain_seq" bigint NOT NULL,
	"chain_hash" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"jws" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub"."audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"request_id" text NOT NULL,
	"agency" text,
	"purpose" text,
	"outcome" text,
	"people" text[] NOT NULL,
	"entry" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "hub"."audit_log" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "audit_log_request_idx" ON "hub"."audit_log" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "audit_log_people_idx" ON "hub"."audit_log" USING gin ("people");