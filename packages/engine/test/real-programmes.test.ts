import { describe, expect, it } from 'vitest';
import { checkProgramme, compileProgramme, loadProgramme } from '../src/index.ts';
import { realProgramme } from './helpers/programme-files.ts';

// The real programme folders are written by other people at the same time; each test here runs
// only when its folder exists, so a missing folder is visible as a skipped test, not a failure.
const national = realProgramme('national-makerspace-filing-2021');
const sdMakerHome = realProgramme('sd-maker-home-2020');

describe.runIf(national)('national-makerspace-filing-2021 from disk', () => {
  it('passes check', async () => {
    expect(await checkProgramme(national!)).toEqual([]);
  }, 30_000);

  it('recomputes the site totals and ratio, ignoring what the client sent', () => {
    const compiled = compileProgramme(loadProgramme(national!).programme!);
    const row = (area: number, teamArea: number, publicArea: number) =>
      ({ address: '苏州', area, teamArea, publicArea, selfUseArea: 0, otherArea: area - teamArea - publicArea, workstations: 10, tenure: '租赁', proof: 'att-1' });
    const { data, errors } = compiled.saveSection('site', { totalArea: 1, serviceAreaRatio: 1, rows: [row(1000, 600, 200), row(500, 300, 100)] });
    expect(errors).toEqual({});
    expect(data).toMatchObject({ totalArea: 1500, teamArea: 900, publicArea: 300, workstations: 20 });
    expect(data.serviceAreaRatio).toBeCloseTo(0.8, 10);
  });

  it('the breaks-rules fixture fails exactly the rules it names', () => {
    const { programme } = loadProgramme(national!);
    const fixture = programme!.fixtures.find((f) => !f.expect.valid)!;
    const result = compileProgramme(programme!).validateApplication(fixture.data);
    expect(result.rules.filter((r) => !r.passed).map((r) => r.id).sort()).toEqual([...fixture.expect.rules!].sort());
  });
});

describe.runIf(sdMakerHome)('sd-maker-home-2020 from disk', () => {
  it('passes check', async () => {
    expect(await checkProgramme(sdMakerHome!)).toEqual([]);
  }, 30_000);

  it('a complete application is valid and an emptied one names the missing fields', () => {
    const { programme } = loadProgramme(sdMakerHome!);
    const compiled = compileProgramme(programme!);
    const complete = programme!.fixtures.find((f) => f.expect.valid)!;
    expect(compiled.validateApplication(complete.data).valid).toBe(true);
    const empty = compiled.validateApplication({});
    expect(empty.valid).toBe(false);
    expect(Object.keys(empty.errors).length).toBeGreaterThan(5);
    expect(Object.keys(empty.errors).every((pointer) => /^\/(service|infrastructure|profile|attachments)\//.test(pointer))).toBe(true);
  });
});

// The other three folders: each passes check, their fixtures' completed tasks included.
for (const id of ['sx-makerspace-2022', 'national-specialised-makerspace-4th', 'jn-sme-platform-2020']) {
  const files = realProgramme(id);
  describe.runIf(files)(`${id} from disk`, () => {
    it('passes check', async () => {
      expect(await checkProgramme(files!)).toEqual([]);
    }, 30_000);
  });
}

describe.runIf(sdMakerHome)('sd-maker-home-2020 recommend task', () => {
  it('requires the stamped book and the site-visit date only when the recommender approves', () => {
    const { programme } = loadProgramme(sdMakerHome!);
    const compiled = compileProgramme(programme!);
    const recommend = programme!.fixtures.find((f) => f.tasks?.recommend)!.tasks!.recommend!;
    const { stampedBook: _book, siteVisitedOn: _date, ...rest } = recommend.data;
    expect(Object.keys(compiled.validateTaskForm('recommend-review', rest, { outcome: 'approve' }).errors).sort()).toEqual(['/siteVisitedOn', '/stampedBook']);
    expect(compiled.validateTaskForm('recommend-review', rest, { outcome: 'return' }).errors).toEqual({});
  });
});
