import { describe, expect, it } from 'vitest';
import { categoryIdOf } from '../src/admin/admin-api.ts';

describe('categoryIdOf', () => {
  it('reads the programme category id from a category row stored as <programmeId>:<categoryId>', () => {
    expect(categoryIdOf({ id: 'jn-sme-platform-2020:county', category: null, programmeId: 'jn-sme-platform-2020' })).toBe('county');
  });
  it('prefers an explicit category and leaves foreign ids alone', () => {
    expect(categoryIdOf({ id: 'p:x', category: 'city', programmeId: 'p' })).toBe('city');
    expect(categoryIdOf({ id: 'other:county', category: null, programmeId: 'p' })).toBe('other:county');
    expect(categoryIdOf({ id: 'county', category: null, programmeId: null })).toBe('county');
  });
});
