-- SMS codes remember the address that asked for them, so that one address cannot send codes to many numbers
-- (SMS bombing): the service counts an address's codes over the last hour and day through this index.
ALTER TABLE "verification_codes" ADD COLUMN "ip" text;--> statement-breakpoint
CREATE INDEX "verification_codes_ip_idx" ON "verification_codes" USING btree ("ip","created_at");