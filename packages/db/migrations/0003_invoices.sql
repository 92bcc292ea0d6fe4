CREATE TABLE "invoice_series" (
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "invoice_series_account_id_kind_period_pk" PRIMARY KEY("account_id","kind","period"),
	CONSTRAINT "invoice_series_kind_known" CHECK ("invoice_series"."kind" in ('invoice', 'credit-note')),
	CONSTRAINT "invoice_series_positive" CHECK ("invoice_series"."last_number" > 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"seller" jsonb,
	"look" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"invoice_pattern" text DEFAULT 'F{YYYY}-{seq:6}' NOT NULL,
	"invoice_reset" text DEFAULT 'yearly' NOT NULL,
	"credit_note_pattern" text DEFAULT 'AV{YYYY}-{seq:6}' NOT NULL,
	"credit_note_reset" text DEFAULT 'yearly' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_settings_invoice_reset_known" CHECK ("invoice_settings"."invoice_reset" in ('never', 'yearly', 'monthly')),
	CONSTRAINT "invoice_settings_credit_reset_known" CHECK ("invoice_settings"."credit_note_reset" in ('never', 'yearly', 'monthly'))
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issue_date" date NOT NULL,
	"sale_id" integer,
	"original_invoice_id" uuid,
	"snapshot" text NOT NULL,
	"look" jsonb NOT NULL,
	"language" text NOT NULL,
	"qr_link" text,
	"pdf" "bytea" NOT NULL,
	"xml" "bytea" NOT NULL,
	"pdf_sha256" text NOT NULL,
	"xml_sha256" text NOT NULL,
	"buyer_name" text NOT NULL,
	"total_excl_vat" numeric(14, 2) NOT NULL,
	"total_vat" numeric(14, 2) NOT NULL,
	"total_incl_vat" numeric(14, 2) NOT NULL,
	"amount_due" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_kind_known" CHECK ("invoices"."kind" in ('invoice', 'credit-note')),
	CONSTRAINT "invoices_credit_has_original" CHECK (("invoices"."kind" = 'credit-note') = ("invoices"."original_invoice_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "invoice_series" ADD CONSTRAINT "invoice_series_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_original_invoice_id_invoices_id_fk" FOREIGN KEY ("original_invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_account_kind_number_key" ON "invoices" USING btree ("account_id","kind","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_account_sale_key" ON "invoices" USING btree ("account_id","sale_id") WHERE "invoices"."kind" = 'invoice';--> statement-breakpoint
CREATE INDEX "invoices_account_issue_date_idx" ON "invoices" USING btree ("account_id","issue_date");--> statement-breakpoint
CREATE INDEX "invoices_original_idx" ON "invoices" USING btree ("original_invoice_id");--> statement-breakpoint
-- Issued invoices are never changed. A direct UPDATE or DELETE is refused; the delete cascaded
-- from an account's removal runs inside the foreign key's trigger (depth > 1) and is allowed.
CREATE FUNCTION "invoices_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'invoice % is issued and cannot be changed or deleted: issue a credit note instead', OLD."number"
		USING ERRCODE = 'integrity_constraint_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "invoices_immutable" BEFORE UPDATE OR DELETE ON "invoices"
	FOR EACH ROW EXECUTE FUNCTION "invoices_refuse_change"();
