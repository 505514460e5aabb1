import { describe, expect, it } from 'vitest';
import { localTimeToInstant, windowState } from '../src/programmes/windows.ts';

describe('programme windows', () => {
  it('reads the notice’s local time in its time zone', () => {
    expect(localTimeToInstant('2020-10-20T23:59:59', 'Asia/Shanghai').toISOString()).toBe('2020-10-20T15:59:59.000Z');
    expect(localTimeToInstant('2020-04-15', 'Asia/Shanghai').toISOString()).toBe('2020-04-14T16:00:00.000Z');
  });

  it('handles a zone with daylight saving on both sides of the change', () => {
    expect(localTimeToInstant('2026-07-01T12:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(localTimeToInstant('2026-01-01T12:00', 'Europe/Berlin').toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });

  it('keeps explicit offsets', () => {
    expect(localTimeToInstant('2020-10-20T23:59:59+08:00', 'Europe/Berlin').toISOString()).toBe('2020-10-20T15:59:59.000Z');
  });

  it('says whether a window is not open, open or closed by the given clock', () => {
    const dates = { opens: new Date('2026-01-10T00:00:00Z'), closes: new Date('2026-01-20T00:00:00Z') };
    expect(windowState('apply', dates, new Date('2026-01-09T23:59:00Z'), false)).toMatchObject({ phase: 'not_open', secondsLeft: 60 });
    expect(windowState('apply', dates, new Date('2026-01-19T23:00:00Z'), false)).toMatchObject({ phase: 'open', secondsLeft: 3600 });
    expect(windowState('apply', dates, new Date('2026-01-20T00:00:00Z'), false).phase).toBe('open');
    expect(windowState('apply', dates, new Date('2026-01-20T00:00:01Z'), false)).toMatchObject({ phase: 'closed', secondsLeft: 0 });
  });
});
