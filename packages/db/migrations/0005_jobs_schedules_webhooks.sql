CREATE TABLE "job_dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"job_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text,
	"attempts" integer NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"feed_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"interval_seconds" integer,
	"cron" text,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_schedules_kind_known" CHECK ("feed_schedules"."kind" in ('interval', 'cron')),
	CONSTRAINT "feed_schedules_kind_complete" CHECK (("feed_schedules"."kind" = 'interval' and "feed_schedules"."interval_seconds" >= 60 and "feed_schedules"."cron" is null) or ("feed_schedules"."kind" = 'cron' and "feed_schedules"."cron" is not null and "feed_schedules"."interval_seconds" is null))
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"action" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"job_id" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "feed_schedules" ADD CONSTRAINT "feed_schedules_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_schedules" ADD CONSTRAINT "feed_schedules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_dead_letters_queue_failed_idx" ON "job_dead_letters" USING btree ("queue","failed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_schedules_feed_key" ON "feed_schedules" USING btree ("feed_id");--> statement-breakpoint
CREATE INDEX "feed_schedules_due_idx" ON "feed_schedules" USING btree ("next_run_at");--> statement-breakpoint
CREATE INDEX "webhook_events_account_action_idx" ON "webhook_events" USING btree ("account_id","action","received_at");