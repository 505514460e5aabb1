CREATE SEQUENCE "public"."application_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "programme_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"label" text NOT NULL,
	"content_hash" text NOT NULL,
	"files" jsonb NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"current_version_id" text NOT NULL,
	"window_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"actor_organisation_id" text,
	"action" text NOT NULL,
	"task_definition_id" text,
	"task_name" text,
	"outcome" text,
	"opinion" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text DEFAULT ('SB' || to_char(now(), 'YYYY') || '-' || lpad(nextval('application_number_seq')::text, 6, '0')) NOT NULL,
	"programme_id" text NOT NULL,
	"programme_version_id" text NOT NULL,
	"applicant_organisation_id" text NOT NULL,
	"created_by" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"outcome" text,
	"outcome_valid_until" timestamp with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"section_revisions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"flow_state" jsonb,
	"revision" integer DEFAULT 0 NOT NULL,
	"routing" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "rankings" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"task_definition_id" text NOT NULL,
	"application_id" text NOT NULL,
	"task_id" text NOT NULL,
	"rank" integer NOT NULL,
	"quota" integer,
	"report_id" text,
	"ranked_by" text NOT NULL,
	"ranked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rankings_rank_within_quota" CHECK ("rankings"."rank" >= 1 and ("rankings"."quota" is null or "rankings"."rank" <= "rankings"."quota"))
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"task_definition_id" text NOT NULL,
	"item_count" integer NOT NULL,
	"quota" integer,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reports_within_quota" CHECK ("reports"."quota" is null or "reports"."item_count" <= "reports"."quota")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"programme_id" text NOT NULL,
	"flow_task_id" text NOT NULL,
	"definition_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"organisation_id" text DEFAULT '' NOT NULL,
	"form_key" text,
	"kind" text DEFAULT 'review' NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"withdrawable" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"outcome" text,
	"reason" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text,
	"programme_id" text,
	"kind" text NOT NULL,
	"flow_timer_id" text,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "print_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"print_id" text NOT NULL,
	"task_id" text,
	"requested_by" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"version" text,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "print_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"programme_version_id" text NOT NULL,
	"print_id" text NOT NULL,
	"task_id" text,
	"data_hash" text NOT NULL,
	"pdf_sha256" text NOT NULL,
	"attachment_id" text NOT NULL,
	"page_count" integer,
	"printed_by" text NOT NULL,
	"printed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stamped_scans" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"print_id" text NOT NULL,
	"version" text NOT NULL,
	"attachment_id" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"organisation_id" text,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "programme_versions_hash_idx" ON "programme_versions" USING btree ("programme_id","content_hash");--> statement-breakpoint
CREATE INDEX "programme_versions_programme_idx" ON "programme_versions" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_programme_idx" ON "applications" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "applications_org_idx" ON "applications" USING btree ("applicant_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rankings_rank_idx" ON "rankings" USING btree ("programme_id","organisation_id","task_definition_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "rankings_task_idx" ON "rankings" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_once_idx" ON "reports" USING btree ("programme_id","organisation_id","task_definition_id");--> statement-breakpoint
CREATE INDEX "tasks_inbox_idx" ON "tasks" USING btree ("organisation_id","status","programme_id");--> statement-breakpoint
CREATE INDEX "tasks_application_idx" ON "tasks" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_one_open_idx" ON "tasks" USING btree ("application_id","definition_id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("due_at") WHERE "timers"."fired_at" is null;--> statement-breakpoint
CREATE INDEX "print_jobs_status_idx" ON "print_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "print_versions_application_idx" ON "print_versions" USING btree ("application_id","print_id","printed_at");--> statement-breakpoint
CREATE INDEX "stamped_scans_application_idx" ON "stamped_scans" USING btree ("application_id","print_id");