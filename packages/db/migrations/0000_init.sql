CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"hiboutik_account" text NOT NULL,
	"api_url" text,
	"auth_kind" text NOT NULL,
	"credentials" text,
	"token_expires_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"monthly_call_quota" integer DEFAULT 10000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_quota_positive" CHECK ("accounts"."monthly_call_quota" > 0),
	CONSTRAINT "accounts_auth_kind_known" CHECK ("accounts"."auth_kind" in ('basic', 'oauth')),
	CONSTRAINT "accounts_status_known" CHECK ("accounts"."status" in ('pending', 'active', 'disconnected'))
);
--> statement-breakpoint
CREATE TABLE "admin_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "admin_keys_scopes_known" CHECK ("admin_keys"."scopes" <@ array['read', 'write']::text[])
);
--> statement-breakpoint
CREATE TABLE "api_usage" (
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"endpoint" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_usage_account_id_month_endpoint_pk" PRIMARY KEY("account_id","month","endpoint")
);
--> statement-breakpoint
CREATE TABLE "catalog_brands" (
	"account_id" uuid NOT NULL,
	"brand_id" integer NOT NULL,
	"name" text NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_brands_account_id_brand_id_pk" PRIMARY KEY("account_id","brand_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_categories" (
	"account_id" uuid NOT NULL,
	"category_id" integer NOT NULL,
	"parent_id" integer,
	"name" text NOT NULL,
	"position" integer,
	"enabled" boolean NOT NULL,
	"enabled_on_web" boolean NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_categories_account_id_category_id_pk" PRIMARY KEY("account_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_products" (
	"account_id" uuid NOT NULL,
	"product_id" integer NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"description" text,
	"barcode" text,
	"price" numeric NOT NULL,
	"discount_price" numeric,
	"supply_price" numeric,
	"tax_id" integer,
	"vat_rate" numeric,
	"brand_id" integer,
	"supplier_id" integer,
	"category_id" integer,
	"size_type_id" integer,
	"external_ref" text,
	"supplier_reference" text,
	"position" integer,
	"is_package" boolean NOT NULL,
	"stock_managed" boolean NOT NULL,
	"displayed_on_pos" boolean NOT NULL,
	"published_on_web" boolean NOT NULL,
	"archived" boolean NOT NULL,
	"images" jsonb NOT NULL,
	"tags" jsonb NOT NULL,
	"pos_updated_at" text,
	"raw" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"removed_at" timestamp with time zone,
	"last_seen_run_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_products_account_id_product_id_pk" PRIMARY KEY("account_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_sizes" (
	"account_id" uuid NOT NULL,
	"size_id" integer NOT NULL,
	"size_type_id" integer,
	"size_type_name" text,
	"name" text NOT NULL,
	"position" integer,
	"enabled" boolean NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_sizes_account_id_size_id_pk" PRIMARY KEY("account_id","size_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_stock" (
	"account_id" uuid NOT NULL,
	"product_id" integer NOT NULL,
	"size_id" integer NOT NULL,
	"warehouse_id" integer NOT NULL,
	"available" integer NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_stock_account_id_product_id_size_id_warehouse_id_pk" PRIMARY KEY("account_id","product_id","size_id","warehouse_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_stores" (
	"account_id" uuid NOT NULL,
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"warehouse_id" integer,
	"currency" text,
	"time_zone" text,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_stores_account_id_store_id_pk" PRIMARY KEY("account_id","store_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_suppliers" (
	"account_id" uuid NOT NULL,
	"supplier_id" integer NOT NULL,
	"name" text NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_suppliers_account_id_supplier_id_pk" PRIMARY KEY("account_id","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_taxes" (
	"account_id" uuid NOT NULL,
	"tax_id" integer NOT NULL,
	"name" text,
	"rate" numeric NOT NULL,
	"enabled" boolean NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_taxes_account_id_tax_id_pk" PRIMARY KEY("account_id","tax_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_variants" (
	"account_id" uuid NOT NULL,
	"product_id" integer NOT NULL,
	"size_id" integer NOT NULL,
	"name" text NOT NULL,
	"barcode" text,
	"position" integer NOT NULL,
	CONSTRAINT "catalog_variants_account_id_product_id_size_id_pk" PRIMARY KEY("account_id","product_id","size_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_warehouses" (
	"account_id" uuid NOT NULL,
	"warehouse_id" integer NOT NULL,
	"name" text NOT NULL,
	"raw" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_warehouses_account_id_warehouse_id_pk" PRIMARY KEY("account_id","warehouse_id")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"nonce" text PRIMARY KEY NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"estimated_calls" integer,
	"calls_used" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"skipped_records" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	CONSTRAINT "sync_runs_kind_known" CHECK ("sync_runs"."kind" in ('full', 'products', 'stock')),
	CONSTRAINT "sync_runs_outcome_known" CHECK ("sync_runs"."outcome" in ('running', 'succeeded', 'failed', 'refused'))
);
--> statement-breakpoint
ALTER TABLE "api_usage" ADD CONSTRAINT "api_usage_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_brands" ADD CONSTRAINT "catalog_brands_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_categories" ADD CONSTRAINT "catalog_categories_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_products" ADD CONSTRAINT "catalog_products_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_sizes" ADD CONSTRAINT "catalog_sizes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_stock" ADD CONSTRAINT "catalog_stock_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_stores" ADD CONSTRAINT "catalog_stores_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_suppliers" ADD CONSTRAINT "catalog_suppliers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_taxes" ADD CONSTRAINT "catalog_taxes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_variants" ADD CONSTRAINT "catalog_variants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_warehouses" ADD CONSTRAINT "catalog_warehouses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_name_key" ON "accounts" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "admin_keys_prefix_key" ON "admin_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "catalog_products_seen_idx" ON "catalog_products" USING btree ("account_id","last_seen_run_id");--> statement-breakpoint
CREATE INDEX "sync_runs_account_started_idx" ON "sync_runs" USING btree ("account_id","started_at");