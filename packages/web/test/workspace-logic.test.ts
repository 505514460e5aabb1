import { describe, expect, it } from 'vitest';
import { errorsBySection, sectionCompletion } from '../src/api/workspace.ts';
import { draftFromCandidates, move, moveTo, toggle } from '../src/reviewer/ranking-order.ts';
import { outcomeLabel } from '../src/workspace/outcome-labels.ts';
import { formatRemaining } from '../src/workspace/format.ts';

const message = { zh: '必填', en: 'Required' };

describe('section completion marks', () => {
  it('marks untouched sections as not started, saved ones with errors as needing attention, the rest as done', () => {
    const marks = sectionCompletion({ sectionRevisions: { a: 2, b: 1 } }, ['a', 'b', 'c'], { '/b/name': [message], '/c/x': [message] });
    expect(marks).toEqual({ a: 'done', b: 'errors', c: 'empty' });
  });

  it('does not confuse a section id with a longer one that starts the same', () => {
    expect(sectionCompletion({ sectionRevisions: { site: 1 } }, ['site'], { '/siteExtra/x': [message] })).toEqual({ site: 'done' });
  });

  it('groups field errors by section', () => {
    const grouped = errorsBySection({ '/a/x': [message], '/a/y': [message], '/b/z': [message] });
    expect([...grouped.keys()]).toEqual(['a', 'b']);
    expect(grouped.get('a')!.map((e) => e.pointer)).toEqual(['/a/x', '/a/y']);
  });
});

describe('ranking order', () => {
  const candidates = [
    { taskId: 't1', applicationId: 'a1', applicationNumber: 'N1', applicantName: '单位1', rank: 2 },
    { taskId: 't2', applicationId: 'a2', applicationNumber: 'N2', applicantName: '单位2', rank: null },
    { taskId: 't3', applicationId: 'a3', applicationNumber: 'N3', applicantName: '单位3', rank: 1 },
  ];

  it('starts from the saved ranks, ranked first', () => {
    expect(draftFromCandidates(candidates)).toEqual({ chosen: ['t3', 't1'], others: ['t2'] });
  });

  it('moves up and down within the chosen and not past the ends', () => {
    const draft = draftFromCandidates(candidates);
    expect(move(draft, 't1', -1).chosen).toEqual(['t1', 't3']);
    expect(move(draft, 't3', -1)).toBe(draft);
    expect(moveTo(draft, 't1', 0).chosen).toEqual(['t1', 't3']);
  });

  it('refuses to choose beyond the quota', () => {
    const draft = draftFromCandidates(candidates);
    expect(toggle(draft, 't2', 2)).toBe(draft);
    expect(toggle(draft, 't2', 3).chosen).toEqual(['t3', 't1', 't2']);
    expect(toggle(draft, 't3', 2)).toEqual({ chosen: ['t1'], others: ['t2', 't3'] });
  });
});

describe('outcome labels and countdowns', () => {
  it('prefers the programme wording, then the built-in words, then the id', () => {
    expect(outcomeLabel('recognise', { recognise: { zh: '评为创客之家', en: 'Recognise' } })).toEqual({ zh: '评为创客之家', en: 'Recognise' });
    expect(outcomeLabel('return', {})).toEqual({ zh: '退回', en: 'Return' });
    expect(outcomeLabel('somethingElse', {})).toBe('somethingElse');
  });

  it('formats the time left with days when there are any', () => {
    expect(formatRemaining((2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000, 'zh')).toBe('2天 03:04:05');
    expect(formatRemaining(59_000, 'en')).toBe('00:00:59');
    expect(formatRemaining(-5, 'en')).toBe('00:00:00');
  });
});
