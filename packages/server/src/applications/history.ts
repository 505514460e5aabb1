import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { applicationEvents, auditEvents } from '../db/schema/index.ts';
import type { SessionUser } from '../access/session-user.ts';

export type ApplicationEventRow = typeof applicationEvents.$inferSelect;

export interface EventInput {
  applicationId: string;
  at: Date;
  actor: SessionUser | null;
  actorOrganisationId?: string | null;
  action: string;
  taskDefinitionId?: string | null;
  taskName?: string | null;
  outcome?: string | null;
  opinion?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one step to 审核历史, and the same state change to the platform's append-only audit trail, in the
 * caller's transaction (so both are there exactly when the change is).
 */
export async function recordEvent(tx: DbOrTx, event: EventInput): Promise<void> {
  // Both rows in one statement (the audit insert as a CTE): every command writes them, so the round trip counts.
  const audit = tx.$with('audit').as(tx.insert(auditEvents).values({
    at: event.at, actorId: event.actor?.id ?? null, action: `application.${event.action}`, result: 'ok',
    subjectType: 'application', subjectId: event.applicationId,
    details: { ...(event.taskDefinitionId ? { task: event.taskDefinitionId } : {}), ...(event.outcome ? { outcome: event.outcome } : {}) },
  }).returning({ id: auditEvents.id }));
  await tx.with(audit).insert(applicationEvents).values({
    applicationId: event.applicationId,
    at: event.at,
    actorId: event.actor?.id ?? null,
    actorName: event.actor?.name ?? null,
    actorOrganisationId: event.actorOrganisationId ?? null,
    action: event.action,
    taskDefinitionId: event.taskDefinitionId ?? null,
    taskName: event.taskName ?? null,
    outcome: event.outcome ?? null,
    opinion: event.opinion ?? null,
    details: event.details ?? {},
  });
}

export async function listEvents(db: DbOrTx, applicationId: string): Promise<ApplicationEventRow[]> {
  return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.id));
}
