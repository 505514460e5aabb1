import { describe, expect, it } from 'vitest';
import { addDuration, deadlineInstant, localToInstant } from '../../src/workflow/deadlines.ts';

const now = new Date('2020-10-01T02:00:00Z');

describe('deadline values', () => {
  it('reads notice dates in the programme zone; a bare date means the end of that day', () => {
    expect(localToInstant('2020-10-25T23:59:59', 'Asia/Shanghai')?.toISOString()).toBe('2020-10-25T15:59:59.000Z');
    expect(localToInstant('2020-10-25', 'Asia/Shanghai')?.toISOString()).toBe('2020-10-25T15:59:59.000Z');
    expect(localToInstant('2020-07-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2020-07-01T07:00:00.000Z');
    expect(localToInstant('2020-01-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2020-01-01T08:00:00.000Z');
  });

  it('honours an explicit offset or zone', () => {
    expect(deadlineInstant('2020-10-25T10:00:00Z', now, 'Asia/Shanghai')?.toISOString()).toBe('2020-10-25T10:00:00.000Z');
    expect(deadlineInstant('2020-10-25T10:00:00@Europe/London', now, 'Asia/Shanghai')?.toISOString()).toBe('2020-10-25T10:00:00.000Z');
  });

  it('adds durations to the injected now, calendar months included', () => {
    expect(deadlineInstant('P10D', now, 'Asia/Shanghai')?.toISOString()).toBe('2020-10-11T02:00:00.000Z');
    expect(addDuration(new Date('2020-01-31T00:00:00Z'), 'P1M')?.toISOString()).toBe('2020-03-02T00:00:00.000Z');
    expect(addDuration(now, 'PT36H')?.toISOString()).toBe('2020-10-02T14:00:00.000Z');
  });

  it('gives nothing for what is not a date', () => {
    expect(deadlineInstant('soon', now, 'Asia/Shanghai')).toBeUndefined();
    expect(deadlineInstant('P', now, 'Asia/Shanghai')).toBeUndefined();
    expect(deadlineInstant(null, now, 'Asia/Shanghai')).toBeUndefined();
  });
});
