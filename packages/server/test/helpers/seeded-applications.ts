/**
 * Fast set-up for race and restart tests: applications of a real programme filled from its complete fixture and
 * submitted through the services, so the tests spend their time on the race itself. Attachment ids in the fixture are
 * registered as files uploaded for each application (the bytes do not matter to these tests), and the stamped-scan
 * submit check is the print area's concern, tested there — callers that want it skipped say so.
 */
import { randomUUID } from 'node:crypto';
import { attachmentIdsIn } from '@shenbao/engine';
import type { FastifyInstance } from 'fastify';
import { applications as applicationRows, attachments } from '../../src/db/schema/index.ts';
import { applicantOrganisations } from '../../src/access/grants.ts';
import { recordEvent } from '../../src/applications/history.ts';
import type { SessionUser } from '../../src/access/session-user.ts';
import { SubmissionService } from '../../src/workflow/submission.service.ts';
import { readFixture } from './programme-app.ts';

export async function sessionUserOf(app: FastifyInstance, mobile: string): Promise<SessionUser> {
  const user = await app.services.accounts.findByMobile(mobile);
  if (!user) throw new Error(`no user ${mobile}`);
  const grants = await app.services.accounts.grantsOf(user.id);
  return { id: user.id, mobile: user.mobile, name: user.name, mustChangePassword: false, grants, sessionIdHash: 'test' };
}

/** Creates and fills one application from the fixture, with `overrides` merged into sections. */
export async function filledApplication(
  app: FastifyInstance, user: SessionUser, programmeId: string, overrides: Record<string, Record<string, unknown>> = {},
): Promise<string> {
  const { applications, programmes } = app.services;
  const fixture = uniqueAttachmentIds((await readFixture(programmeId)).data, randomUUID().slice(0, 8));
  const created = await newDraft(app, user, programmeId);
  const runtime = await programmes.runtime(created.programmeVersionId);
  for (const section of runtime.programme.sections) {
    const data = { ...(fixture[section.ref.id] ?? {}), ...(overrides[section.ref.id] ?? {}) };
    for (const { id } of attachmentIdsIn(section.schema, data)) {
      await app.services.db.insert(attachments).values({
        id, sha256: '0'.repeat(64), size: 1, fileType: 'pdf', mediaType: 'application/pdf', originalName: `${id}.pdf`,
        uploadedBy: user.id, purpose: 'section', applicationId: created.id, fieldPointer: null,
      }).onConflictDoNothing();
    }
    await applications.saveSection(user, created.id, section.ref.id, data, 0);
  }
  return created.id;
}

/**
 * A new draft every call, as the rows of an organisation that holds several drafts (race and restart tests submit
 * many applications of one applicant at once). applications.create continues the organisation's open draft instead
 * (开始申报 twice is one draft), so the set-up writes the row and its create event the way create does.
 */
async function newDraft(app: FastifyInstance, user: SessionUser, programmeId: string): Promise<{ id: string; programmeVersionId: string }> {
  const organisationId = applicantOrganisations(user)[0]!;
  const programme = await app.services.programmes.get(programmeId);
  const now = app.services.clock.now();
  return app.services.db.transaction(async (tx) => {
    const [row] = await tx.insert(applicationRows).values({
      id: randomUUID(), programmeId, programmeVersionId: programme.currentVersionId,
      applicantOrganisationId: organisationId, createdBy: user.id, createdAt: now, updatedAt: now,
    }).returning();
    await recordEvent(tx, { applicationId: row!.id, at: now, actor: user, actorOrganisationId: organisationId, action: 'create', details: { programmeVersionId: programme.currentVersionId } });
    return row!;
  });
}

/** Attachment ids must be unique per application: give each fixture id a per-application suffix. */
export function uniqueAttachmentIds<T>(data: T, suffix: string): T {
  return JSON.parse(JSON.stringify(data).replace(/"(att-[^"]+)"/g, (_m, id: string) => `"${id}-${suffix}"`)) as T;
}

/**
 * Submits through the app's own flow, minus the print area's submit rule (the stamped scan of the latest print,
 * which needs Chromium and an upload; prints.test.ts tests it): for suites about something else.
 */
export function submissionsWithoutStampedScan(app: FastifyInstance): SubmissionService {
  const { db, clock, programmes, workflowHooks } = app.services;
  return new SubmissionService(db, clock, programmes, { ...workflowHooks, beforeSubmit: [] });
}

export async function submittedApplications(
  app: FastifyInstance, user: SessionUser, programmeId: string, count: number, overrides: Record<string, Record<string, unknown>> = {},
  submissions: Pick<SubmissionService, 'submit'> = app.services.submissions,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await filledApplication(app, user, programmeId, overrides);
    await submissions.submit(user, id);
    ids.push(id);
  }
  return ids;
}

/** Registers a file as uploaded by `user` for the application (e.g. a reviewer's stamped copy in a task form). */
export async function registeredAttachment(app: FastifyInstance, user: SessionUser, applicationId: string, purpose = 'task'): Promise<string> {
  const id = `att-${randomUUID()}`;
  await app.services.db.insert(attachments).values({
    id, sha256: '0'.repeat(64), size: 1, fileType: 'pdf', mediaType: 'application/pdf', originalName: `${id}.pdf`,
    uploadedBy: user.id, purpose, applicationId, fieldPointer: null,
  });
  return id;
}
