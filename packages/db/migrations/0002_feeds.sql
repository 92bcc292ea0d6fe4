CREATE TABLE "feed_generations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"feed_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"blob_key" text NOT NULL,
	"stored_bytes" bigint NOT NULL,
	"uncompressed_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content_sha256" text NOT NULL,
	"gzip" boolean NOT NULL,
	"content_type" text NOT NULL,
	"items" integer NOT NULL,
	"rows" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"feed_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"outcome" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"gate_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb,
	"items" integer,
	"items_excluded" integer,
	"rows" integer,
	"generation_id" uuid,
	"compared_with_generation_id" uuid,
	"duration_ms" integer,
	"error" text,
	CONSTRAINT "feed_runs_outcome_known" CHECK ("feed_runs"."outcome" in ('running', 'published', 'published-with-warnings', 'refused', 'failed', 'dry-run'))
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"profile" text NOT NULL,
	"settings" jsonb NOT NULL,
	"url_token_version" integer DEFAULT 1 NOT NULL,
	"basic_auth_user" text,
	"basic_auth_password_hash" text,
	"live_generation_id" uuid,
	"live_since" timestamp with time zone,
	"keep_generations" integer DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feeds_token_version_positive" CHECK ("feeds"."url_token_version" > 0),
	CONSTRAINT "feeds_keep_generations_positive" CHECK ("feeds"."keep_generations" > 0),
	CONSTRAINT "feeds_basic_auth_complete" CHECK (("feeds"."basic_auth_user" is null) = ("feeds"."basic_auth_password_hash" is null))
);
--> statement-breakpoint
ALTER TABLE "feed_generations" ADD CONSTRAINT "feed_generations_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_runs" ADD CONSTRAINT "feed_runs_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_live_generation_id_feed_generations_id_fk" FOREIGN KEY ("live_generation_id") REFERENCES "public"."feed_generations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_generations_feed_created_idx" ON "feed_generations" USING btree ("feed_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_generations_blob_key_key" ON "feed_generations" USING btree ("blob_key");--> statement-breakpoint
CREATE INDEX "feed_runs_feed_started_idx" ON "feed_runs" USING btree ("feed_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_account_name_key" ON "feeds" USING btree ("account_id","name");