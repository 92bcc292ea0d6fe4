CREATE TABLE "catalog_tags" (
	"account_id" uuid NOT NULL,
	"tag_id" integer NOT NULL,
	"name" text NOT NULL,
	"group_id" integer NOT NULL,
	"group_name" text NOT NULL,
	"enabled" boolean NOT NULL,
	"enabled_on_web" boolean NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_tags_account_id_tag_id_pk" PRIMARY KEY("account_id","tag_id")
);
--> statement-breakpoint
DROP INDEX "catalog_products_seen_idx";--> statement-breakpoint
ALTER TABLE "catalog_products" ALTER COLUMN "images" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_stock" ALTER COLUMN "available" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "catalog_brands" ADD COLUMN "position" integer;--> statement-breakpoint
ALTER TABLE "catalog_brands" ADD COLUMN "enabled" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_brands" ADD COLUMN "enabled_on_web" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD COLUMN "stock_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD COLUMN "detail_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog_stock" ADD COLUMN "alert_threshold" integer;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "forced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "stock_changed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_tags" ADD CONSTRAINT "catalog_tags_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_products" DROP COLUMN "last_seen_run_id";