CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"hiboutik_account" text NOT NULL,
	"api_url" text,
	"auth_kind" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"monthly_call_quota" integer DEFAULT 10000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_quota_positive" CHECK ("accounts"."monthly_call_quota" > 0),
	CONSTRAINT "accounts_auth_kind_known" CHECK ("accounts"."auth_kind" in ('basic', 'oauth')),
	CONSTRAINT "accounts_status_known" CHECK ("accounts"."status" in ('active', 'disconnected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_name_key" ON "accounts" USING btree ("name");