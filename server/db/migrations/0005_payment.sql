CREATE TABLE "payment_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"verification_code" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"signed_content" text NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"page_count" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	CONSTRAINT "payment_certificates_order_id_unique" UNIQUE("order_id"),
	CONSTRAINT "payment_certificates_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "payment_claims" (
	"beneficiary_id" integer NOT NULL,
	"insurance_type" "insurance_type" NOT NULL,
	"year" smallint NOT NULL,
	"order_id" uuid NOT NULL,
	CONSTRAINT "payment_claims_pk" PRIMARY KEY("beneficiary_id","insurance_type","year")
);
--> statement-breakpoint
CREATE TABLE "payment_order_items" (
	"order_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"kind" text NOT NULL,
	"beneficiary_id" integer NOT NULL,
	"insurance_type" "insurance_type" NOT NULL,
	"year" smallint,
	"from_period" char(6) NOT NULL,
	"to_period" char(6) NOT NULL,
	"grade_id" text,
	"amount" integer NOT NULL,
	"subsidy" integer NOT NULL,
	CONSTRAINT "payment_order_items_pk" PRIMARY KEY("order_id","seq")
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"person_id" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"hall_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"request_key" text NOT NULL,
	"state" text NOT NULL,
	"method" text,
	"amount" integer NOT NULL,
	"channel" text,
	"code_url" text,
	"awaiting_user" boolean DEFAULT false NOT NULL,
	"failure" text,
	"transaction_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paying_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"posted_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"refund_id" text,
	"refund_request_id" uuid,
	"refunded_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "payment_orders_order_no_unique" UNIQUE("order_no")
);
--> statement-breakpoint
CREATE TABLE "payment_reconciliations" (
	"date" date PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"result" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_pension_grades" (
	"region_code" char(6) NOT NULL,
	"year" smallint NOT NULL,
	"grade_id" text NOT NULL,
	"amount" integer NOT NULL,
	"subsidy" integer NOT NULL,
	CONSTRAINT "resident_pension_grades_pk" PRIMARY KEY("region_code","year","grade_id")
);
--> statement-breakpoint
CREATE TABLE "resident_policy_years" (
	"region_code" char(6) NOT NULL,
	"year" smallint NOT NULL,
	"medical_amount" integer NOT NULL,
	"pension_deadline" date NOT NULL,
	"medical_deadline" date NOT NULL,
	"arrears_years_back" smallint DEFAULT 5 NOT NULL,
	CONSTRAINT "resident_policy_years_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
ALTER TABLE "payment_certificates" ADD CONSTRAINT "payment_certificates_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_order_items" ADD CONSTRAINT "payment_order_items_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_claims_order_idx" ON "payment_claims" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_orders_person_request_idx" ON "payment_orders" USING btree ("person_id","request_id");--> statement-breakpoint
CREATE INDEX "payment_orders_hall_created_idx" ON "payment_orders" USING btree ("hall_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_orders_state_idx" ON "payment_orders" USING btree ("state");