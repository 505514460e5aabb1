/**
 * Drafts: 开始申报 continues the organisation's draft for the programme instead of starting another; a draft never
 * submitted can be deleted by its organisation only, audited; nothing submitted can be deleted.
 * Applications as people address them: the `application` query by 申报编号 as well as by id (what an administrator
 * pastes into the flow page), with the same visibility as by id; whether a programme lets the applicant withdraw.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applicationEvents, applications, auditEvents } from '../src/db/schema/index.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { draftFromFixture, submit } from './helpers/scenario-steps.ts';
import { createApplicant, createProgrammeAdmin, errorCode, ok, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';

const programmeId = 'jn-sme-platform-2020';
const create = 'mutation($p: ID!) { createApplication(programmeId: $p) { id number status } }';
const byId = 'query($id: ID!) { application(id: $id) { id number } }';

describeEachDatabase('applications by number', (database) => {
  let t: ProgrammeTestApp;
  let owner: TestClient;
  let other: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startProgrammeApp(database());
    await publishAndOpen(t.app, programmeId);
    owner = await createApplicant(t.app, '编号查询科技有限公司');
    other = await createApplicant(t.app, '别家科技有限公司');
    admin = await createProgrammeAdmin(t.app);
  });
  afterAll(async () => t?.close());

  it('finds an application by its 申报编号 (any case, spaces trimmed) as by its id, for those who may see it', async () => {
    const created = ok(await owner.gql<{ createApplication: { id: string; number: string } }>(create, { p: programmeId })).createApplication;
    expect(created.number).toMatch(/^SB\d{4}-\d{6}$/);
    for (const client of [owner, admin]) {
      for (const key of [created.id, created.number, ` ${created.number.toLowerCase()} `]) {
        expect(ok(await client.gql<{ application: { id: string } }>(byId, { id: key })).application.id).toBe(created.id);
      }
    }
    expect(errorCode(await other.gql(byId, { id: created.number }))).toBe('SB_ERR_FORBIDDEN');
    expect(errorCode(await admin.gql(byId, { id: 'SB1999-999999' }))).toBe('SB_ERR_NOT_FOUND');
  });

  it('tells whether the programme lets an applicant withdraw (the submit dialog promises it only then)', async () => {
    await publishAndOpen(t.app, 'sd-maker-home-2020');
    const query = 'query($p: ID!) { programme(id: $p) { withdrawable } }';
    expect(ok(await owner.gql<{ programme: { withdrawable: boolean } }>(query, { p: programmeId })).programme.withdrawable).toBe(false);
    expect(ok(await owner.gql<{ programme: { withdrawable: boolean } }>(query, { p: 'sd-maker-home-2020' })).programme.withdrawable).toBe(true);
  });

  const remove = 'mutation($a: ID!) { deleteDraft(applicationId: $a) }';

  it('continues the draft on a second 开始申报, and starts afresh once that draft is deleted', async () => {
    const first = ok(await owner.gql<{ createApplication: { id: string } }>(create, { p: programmeId })).createApplication.id;
    const again = ok(await owner.gql<{ createApplication: { id: string } }>(create, { p: programmeId })).createApplication.id;
    expect(again).toBe(first);
    // Two clicks at once agree on one draft too.
    const [x, y] = await Promise.all([other.gql<{ createApplication: { id: string } }>(create, { p: programmeId }), other.gql<{ createApplication: { id: string } }>(create, { p: programmeId })]);
    expect(ok(x).createApplication.id).toBe(ok(y).createApplication.id);

    expect(ok(await owner.gql<{ deleteDraft: boolean }>(remove, { a: first })).deleteDraft).toBe(true);
    const db = t.app.services.db;
    expect(await db.select().from(applications).where(eq(applications.id, first))).toEqual([]);
    expect(await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, first))).toEqual([]);
    const [audited] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'application.draft_deleted'), eq(auditEvents.subjectId, first)));
    expect(audited).toMatchObject({ result: 'ok', subjectType: 'application' });
    expect(audited!.details).toMatchObject({ programmeId });
    expect(ok(await owner.gql<{ createApplication: { id: string } }>(create, { p: programmeId })).createApplication.id).not.toBe(first);
  });

  it('lets only the owning organisation delete, and never what was submitted', async () => {
    const draft = ok(await owner.gql<{ createApplication: { id: string } }>(create, { p: programmeId })).createApplication.id;
    expect(errorCode(await other.gql(remove, { a: draft }))).toBe('SB_ERR_FORBIDDEN');
    expect(errorCode(await admin.gql(remove, { a: draft }))).toBe('SB_ERR_FORBIDDEN');
    expect(await t.app.services.db.select({ id: applications.id }).from(applications).where(eq(applications.id, draft))).toHaveLength(1);

    const submitter = await createApplicant(t.app, '已提交科技有限公司');
    const submitted = await draftFromFixture(t, submitter, programmeId, { enterprise: { county: 'jn-lixia' } });
    ok(await submit(submitter, submitted));
    expect(errorCode(await submitter.gql(remove, { a: submitted }))).toBe('SB_ERR_NOT_DELETABLE');
    expect(await t.app.services.db.select({ status: applications.status }).from(applications).where(eq(applications.id, submitted))).toEqual([{ status: 'in_review' }]);
  });
});
