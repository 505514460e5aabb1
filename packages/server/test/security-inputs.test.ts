/**
 * Issue 17, input rows: a zoneless time sent to setProgrammeWindow is read in the programme's time zone, not the
 * server's (the probe's `closes:"2030-01-01T18:00:00"` was stored as 18:00Z, 02:00 Beijing the next day); other API
 * time inputs without a programme must carry their zone; and reportRanking refuses a programme, unit or step that
 * is not an open report task of the caller's unit, writing no `reports` row.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, programmes, reports } from '../src/db/schema/index.ts';
import { readTimeInput } from '../src/http/time-input.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { createProgrammeAdmin, createReviewer, errorCode, publishAndOpen, startProgrammeApp, type ProgrammeTestApp, type TestClient } from './helpers/programme-app.ts';
import { reportRanking } from './helpers/scenario-steps.ts';

const programmeId = 'jn-sme-platform-2020'; // timeZone Asia/Shanghai (UTC+8, no summer time)

describe('readTimeInput', () => {
  it('keeps explicit zones, reads zoneless times in the given zone and refuses them without one', () => {
    expect(readTimeInput('2030-01-01T18:00:00Z')).toEqual(new Date('2030-01-01T18:00:00Z'));
    expect(readTimeInput('2030-01-01T18:00:00+08:00')).toEqual(new Date('2030-01-01T10:00:00Z'));
    expect(readTimeInput('2030-01-01T18:00:00', { timeZone: 'Asia/Shanghai' })).toEqual(new Date('2030-01-01T10:00:00Z'));
    expect(readTimeInput('2030-07-01T18:00', { timeZone: 'Europe/Berlin' })).toEqual(new Date('2030-07-01T16:00:00Z'));
    expect(readTimeInput('2030-01-01', { timeZone: 'Asia/Shanghai', dateOnly: 'start' })).toEqual(new Date('2029-12-31T16:00:00Z'));
    expect(readTimeInput('2030-01-01', { timeZone: 'Asia/Shanghai', dateOnly: 'end' })).toEqual(new Date('2030-01-01T15:59:59Z'));
    for (const bad of ['2030-01-01T18:00:00', '2030-02-30T10:00:00+08:00', '2030-13-01', 'tomorrow', '1893456000', '2030/01/01 18:00', '2030-01-01T25:00:00Z']) {
      const read = readTimeInput(bad);
      expect(read instanceof Date, bad).toBe(false);
      expect((read as { zh: string }).zh, bad).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describeEachDatabase('zoned times and report scopes through the API', (db) => {
  let t: ProgrammeTestApp;
  let admin: TestClient;
  let reviewer: TestClient;
  let unitId: string;
  beforeAll(async () => {
    t = await startProgrammeApp(db());
    await publishAndOpen(t.app, programmeId);
    admin = await createProgrammeAdmin(t.app);
    const [unit] = await t.app.services.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'reviewer')).limit(1);
    unitId = unit!.id;
    reviewer = await createReviewer(t.app, unitId);
  });
  afterAll(async () => t?.close());

  const setWindow = (opens: string, closes: string) =>
    admin.gql('mutation($o: String!, $c: String!) { setProgrammeWindow(programmeId: "jn-sme-platform-2020", windowId: "apply", opens: $o, closes: $c) { id } }', { o: opens, c: closes });

  async function storedApplyWindow(): Promise<{ opens: string; closes: string }> {
    const [row] = await t.app.services.db.select({ overrides: programmes.windowOverrides }).from(programmes).where(eq(programmes.id, programmeId));
    return (row!.overrides as Record<string, { opens: string; closes: string }>).apply!;
  }

  it('reads the probe\'s zoneless closing time as 18:00 Beijing time', async () => {
    const result = await setWindow('2029-12-01T09:00:00', '2030-01-01T18:00:00');
    expect(result.errors).toBeUndefined();
    expect(await storedApplyWindow()).toEqual({ opens: '2029-12-01T01:00:00.000Z', closes: '2030-01-01T10:00:00.000Z' });
  });

  it('reads a bare closing date as the end of that day in the programme\'s zone, and keeps explicit zones', async () => {
    expect((await setWindow('2029-12-01', '2030-01-01')).errors).toBeUndefined();
    expect(await storedApplyWindow()).toEqual({ opens: '2029-11-30T16:00:00.000Z', closes: '2030-01-01T15:59:59.000Z' });
    expect((await setWindow('2029-12-01T00:00:00Z', '2030-01-01T18:00:00+08:00')).errors).toBeUndefined();
    expect(await storedApplyWindow()).toEqual({ opens: '2029-12-01T00:00:00.000Z', closes: '2030-01-01T10:00:00.000Z' });
  });

  it('refuses a time that is not one, naming the field, and keeps the window as it was', async () => {
    const before = await storedApplyWindow();
    const result = await setWindow('2029-12-01T09:00:00', '2030-02-30T18:00:00');
    expect(errorCode(result)).toBe('SB_ERR_VALIDATION');
    expect(Object.keys((result.errors![0]!.extensions.details as { fields: object }).fields)).toEqual(['/closes']);
    expect(await storedApplyWindow()).toEqual(before);
  });

  it('refuses zoneless times where there is no programme to lend a zone (audit filter)', async () => {
    const result = await admin.gql('query($f: String) { auditEvents(from: $f) { id } }', { f: '2026-03-01T00:00:00' });
    expect(errorCode(result)).toBe('SB_ERR_VALIDATION');
    expect((result.errors![0]!.extensions.details as { fields: Record<string, Array<{ en: string }>> }).fields['/from']![0]!.en).toMatch(/no time zone/);
    const zoned = await admin.gql('query($f: String) { auditEvents(from: $f) { id } }', { f: '2026-03-01T00:00:00+08:00' });
    expect(zoned.errors).toBeUndefined();
  });

  it('refuses reportRanking for a step that is not a report task of the programme, writing no report row', async () => {
    for (const taskDefinitionId of ['no-such-task', 'countySurvey']) {
      const result = await reviewer.gql('mutation($s: RankingScope!) { reportRanking(scope: $s) { reported } }', { s: { programmeId, organisationId: unitId, taskDefinitionId } });
      expect(errorCode(result), taskDefinitionId).toBe('SB_ERR_REPORT_TASK_NOT_OPEN');
    }
    expect(await t.app.services.db.select().from(reports)).toEqual([]);
  });

  it('refuses reportRanking for the real report step when nothing of the unit waits in it, writing no report row', async () => {
    const result = await reportRanking(reviewer, { programmeId, organisationId: unitId, taskDefinitionId: 'countyReport' });
    expect(errorCode(result)).toBe('SB_ERR_REPORT_TASK_NOT_OPEN');
    expect(await t.app.services.db.select().from(reports)).toEqual([]);
  });

  it('refuses reportRanking for an unknown programme and for another unit', async () => {
    const unknown = await reviewer.gql('mutation($s: RankingScope!) { reportRanking(scope: $s) { reported } }', { s: { programmeId: 'no-such-programme', organisationId: unitId, taskDefinitionId: 'countyReport' } });
    expect(errorCode(unknown)).toBe('SB_ERR_NOT_FOUND');
    const other = await reviewer.gql('mutation($s: RankingScope!) { reportRanking(scope: $s) { reported } }', { s: { programmeId, organisationId: 'jn-gxj', taskDefinitionId: 'countyReport' } });
    expect(errorCode(other)).toBe('SB_ERR_FORBIDDEN');
    expect(await t.app.services.db.select().from(reports)).toEqual([]);
  });
});
