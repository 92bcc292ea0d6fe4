CREATE TABLE "feed_fetches" (
	"feed_id" uuid NOT NULL,
	"fetcher" text NOT NULL,
	"first_fetched_at" timestamp with time zone NOT NULL,
	"last_fetched_at" timestamp with time zone NOT NULL,
	"last_status" smallint NOT NULL,
	"last_bytes" bigint NOT NULL,
	"last_user_agent" text,
	"fetches" bigint DEFAULT 0 NOT NULL,
	"downloads" bigint DEFAULT 0 NOT NULL,
	"not_modified" bigint DEFAULT 0 NOT NULL,
	"failures" bigint DEFAULT 0 NOT NULL,
	"bytes_sent" bigint DEFAULT 0 NOT NULL,
	"last_duration_ms" integer,
	CONSTRAINT "feed_fetches_feed_id_fetcher_pk" PRIMARY KEY("feed_id","fetcher"),
	CONSTRAINT "feed_fetches_fetcher_known" CHECK ("feed_fetches"."fetcher" in ('googlebot', 'facebookexternalhit', 'bingbot', 'pinterest', 'tiktok', 'idealo', 'other'))
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "webhook_secret_hash" text;--> statement-breakpoint
ALTER TABLE "feed_fetches" ADD CONSTRAINT "feed_fetches_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_webhook_secret_hash_key" ON "accounts" USING btree ("webhook_secret_hash");