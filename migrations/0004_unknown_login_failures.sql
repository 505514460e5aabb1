-- Failed logins on numbers without an account lock like real accounts do, so a lockout does not reveal which
-- numbers have accounts (docs/security.md, Login and lockout).
CREATE TABLE "unknown_login_failures" (
	"mobile_hash" text PRIMARY KEY NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL
);
