ALTER TABLE "catalog_products" ADD COLUMN "detail_pos_updated_at" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "details_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "details_pending" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Details read before this column existed saw the POS `updated_at` the mirror holds now.
UPDATE "catalog_products" SET "detail_pos_updated_at" = "pos_updated_at" WHERE "detail_read_at" IS NOT NULL;
