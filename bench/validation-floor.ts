/**
 * A lower bound for the validation bench, not an alternative to the engine: the national filing's
 * validation written by hand for that one programme and for the bench's data (valid, already
 * clean), with every shortcut the engine may not take — no FEEL null or type semantics, dates
 * compared as ISO strings, conditions and column sums read from locals loaded once per row.
 * It does the work the engine must do on such data (the clean check of every declared field, the
 * fillability conditions and x-required, the computed fields, Ajv, the six rules) and nothing else.
 * validation.bench.ts measures it in the same turns as bare Ajv and the engine, to show how much
 * of the gap to bare Ajv any engine could close; checkFloor proves it computes what the engine does.
 */
import { isDeepStrictEqual } from 'node:util';
import { compileNeedsCleaning, cleanShapeOf } from '../packages/engine/src/validate/clean.ts';
import type { Programme } from '../packages/engine/src/index.ts';

type Row = Record<string, unknown>;
type Section = Record<string, unknown>;
type Validate = (data: unknown) => boolean;

/** What the floor produces: the sections to store, the fields found not fillable, the rules' outcomes. */
export interface FloorResult {
  data: Record<string, Section>;
  notFillable: number;
  requiredMissing: number;
  rules: Record<string, boolean>;
}

const OP = Object.prototype;
const empty = (v: unknown): boolean => v === '' || v === null;
const plain = (v: unknown): v is Row => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === OP;

/** The site table in one pass: the clean check of each row's nine fields and the six column sums. */
function site(input: Section): Section | undefined {
  const rows = input.rows;
  if (!Array.isArray(rows)) return undefined;
  let area = 0, team = 0, pub = 0, self = 0, other = 0, workstations = 0;
  for (const r of rows) {
    if (!plain(r)) return undefined;
    const a = r.area, t = r.teamArea, p = r.publicArea, s = r.selfUseArea, o = r.otherArea, w = r.workstations;
    if (empty(r.address) || empty(a) || empty(t) || empty(p) || empty(s) || empty(o) || empty(w) || empty(r.tenure) || empty(r.proof)) return undefined;
    if (typeof a !== 'number' || typeof t !== 'number' || typeof p !== 'number' || typeof s !== 'number' || typeof o !== 'number' || typeof w !== 'number') return undefined;
    area += a; team += t; pub += p; self += s; other += o; workstations += w;
  }
  const ratio = rows.length > 0 && area > 0 ? (team + pub) / area : 0;
  return {
    ...input,
    totalArea: area, teamArea: team, publicArea: pub, selfUseArea: self, otherArea: other, workstations,
    serviceAreaRatio: ratio,
    serviceAreaPercent: rows.length > 0 && area > 0 ? Math.round(ratio * 1000) / 10 : 0,
  };
}

/** One fillable-and-required field: counts it as not fillable (it must then be absent) or as missing. */
function field(fillable: boolean, value: unknown, counts: { notFillable: number; missing: number }): boolean {
  if (!fillable) {
    counts.notFillable++;
    return value === undefined;
  }
  if (value === undefined) counts.missing++;
  return true;
}

/** Teams, enterprises and activities: the clean check, then each row's conditions from locals. */
function incubation(input: Section, counts: { notFillable: number; missing: number }): Section | undefined {
  const { teams, enterprises, activities } = input;
  if (!Array.isArray(teams) || !Array.isArray(enterprises) || !Array.isArray(activities) || empty(input.materials)) return undefined;
  for (const t of teams) {
    if (!plain(t)) return undefined;
    const { name, enteredOn, status, memberCount, convertedOn, movedOutOn, agreement, financed, financedOn, financeAmount, financeProof } = t;
    if (empty(name) || empty(enteredOn) || empty(status) || empty(memberCount) || empty(convertedOn) || empty(movedOutOn) || empty(agreement)
      || empty(financed) || empty(financedOn) || empty(financeAmount) || empty(financeProof)) return undefined;
    const financedYes = financed === '是';
    if (!field(status === '在众创空间内', memberCount, counts) || !field(status === '已转化为企业', convertedOn, counts) || !field(status === '已迁出', movedOutOn, counts)
      || !field(financedYes, financedOn, counts) || !field(financedYes, financeAmount, counts) || !field(financedYes, financeProof, counts)) return undefined;
  }
  for (const e of enterprises) {
    if (!plain(e)) return undefined;
    const { name, uscc, fromTeam, teamName, registeredOn, enteredOn, movedOut, employees, movedOutOn, agreement, licence, financed, financedOn, financeAmount, financeProof } = e;
    if (empty(name) || empty(uscc) || empty(fromTeam) || empty(teamName) || empty(registeredOn) || empty(enteredOn) || empty(movedOut) || empty(employees)
      || empty(movedOutOn) || empty(agreement) || empty(licence) || empty(financed) || empty(financedOn) || empty(financeAmount) || empty(financeProof)) return undefined;
    const financedYes = financed === '是';
    if (!field(fromTeam === '是', teamName, counts) || !field(fromTeam === '否', enteredOn, counts) || !field(movedOut === '否', employees, counts)
      || !field(movedOut === '是', movedOutOn, counts) || !field(financedYes, financedOn, counts) || !field(financedYes, financeAmount, counts)
      || !field(financedYes, financeProof, counts)) return undefined;
  }
  for (const a of activities) {
    if (!plain(a) || empty(a.name) || empty(a.type) || empty(a.heldOn) || empty(a.summary) || empty(a.proof)) return undefined;
  }
  return { ...input };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateIn = (value: unknown, from: string, to: string): boolean => typeof value === 'string' && ISO_DATE.test(value) && value >= from && value <= to;

/** The six rules of programme.json, each one loop over the stored data. */
function rules(data: Record<string, Section>): Record<string, boolean> {
  const rows = data.site!.rows as Row[];
  const { teams, enterprises, activities } = data.incubation as { teams: Row[]; enterprises: Row[]; activities: Row[] };
  const enterpriseTeams = enterprises.map((e) => e.teamName);
  const convertedTeams = teams.map((t) => (t.status === '已转化为企业' ? t.name : null));
  return {
    'site-parts-add-up': rows.every((r) => (r.teamArea as number) + (r.publicArea as number) + (r.selfUseArea as number) + (r.otherArea as number) === r.area),
    'teams-within-cutoff': teams.every((t) => dateIn(t.enteredOn, '0000-01-01', '2021-10-31')),
    'enterprises-within-cutoff': enterprises.every((e) => e.enteredOn === undefined || dateIn(e.enteredOn, '0000-01-01', '2021-10-31')),
    'activities-within-period': activities.every((a) => dateIn(a.heldOn, '2020-11-01', '2021-10-31')),
    'converted-teams-listed-as-enterprises': teams.every((t) => t.status !== '已转化为企业' || enterpriseTeams.includes(t.name)),
    'enterprise-team-known': enterprises.every((e) => e.fromTeam !== '是' || convertedTeams.includes(e.teamName)),
  };
}

/**
 * The floor for this programme, or undefined for another one. The other sections (basic, staff and
 * the four free-text ones) get the engine's own generated clean check and their counts.
 */
export function compileFloor(programme: Programme, validators: Record<string, Validate>): ((input: Record<string, Section>) => FloorResult | undefined) | undefined {
  if (programme.manifest.id !== 'national-makerspace-filing-2021') return undefined;
  const needsCleaning = Object.fromEntries(programme.sections.map((s) => [s.ref.id, compileNeedsCleaning(cleanShapeOf(s.schema, s.schema))!]));
  const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
  return (input) => {
    const counts = { notFillable: 0, missing: 0 };
    const data: Record<string, Section> = {};
    for (const s of programme.sections) {
      const id = s.ref.id;
      const section = input[id] ?? {};
      let out: Section | undefined;
      if (id === 'site') out = site(section);
      else if (id === 'incubation') out = incubation(section, counts);
      else if (needsCleaning[id]!(section)) out = undefined;
      else if (id === 'basic') out = { ...section, mediaReportCount: count(section.mediaReports), honourCount: count(section.honours) };
      else if (id === 'staff') out = { ...section, staffCount: count(section.staff) + count(section.mentors), professionalStaffCount: count(section.staff), mentorCount: count(section.mentors) };
      else out = { ...section };
      if (!out) return undefined; // data the floor's shortcuts do not cover: not the bench's
      data[id] = out;
      validators[id]!(out);
    }
    return { data, notFillable: counts.notFillable, requiredMissing: counts.missing, rules: rules(data) };
  };
}

/**
 * Throws unless the floor, on this data, stores what the engine stores, finds what it finds missing
 * (nothing: the engine found the data valid) and reaches the same rule outcomes.
 */
export function checkFloor(
  floor: FloorResult | undefined,
  engine: { data: Record<string, Section>; errors: Record<string, unknown>; rules: Array<{ id: string; passed: boolean }> },
): void {
  if (!floor) throw new Error('validation floor: the bench data is outside what the hand-written floor covers');
  if (Object.keys(engine.errors).length > 0 || floor.requiredMissing > 0) throw new Error('validation floor: the bench data must be valid');
  if (floor.notFillable === 0) throw new Error('validation floor: the bench data should leave some fields not fillable');
  for (const [id, section] of Object.entries(engine.data)) {
    if (!isDeepStrictEqual(floor.data[id], section)) throw new Error(`validation floor: section ${id} differs from the engine's`);
  }
  for (const rule of engine.rules) {
    if (floor.rules[rule.id] !== rule.passed) throw new Error(`validation floor: rule ${rule.id} differs from the engine's`);
  }
}
