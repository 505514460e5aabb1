import { describe, expect, it } from 'vitest';
import { choicesForRole, type OrganisationRow } from '../src/api/organisations.ts';

// Rows as the server's organisations query returns them for a programme.
const categories: OrganisationRow[] = [
  { id: 'sd-maker-home-2020:city-kx', name: '市科协', category: null, role: 'recommender' },
  { id: 'sd-maker-home-2020:provincial-society', name: '省级学会', category: null, role: 'recommender' },
  { id: 'sd-maker-home-2020:province-kx', name: '省科协', category: null, role: 'province' },
];
const units: OrganisationRow[] = [
  { id: 'jinan-kx', name: '济南市科学技术协会', category: 'city-kx', parentId: 'sd-maker-home-2020:city-kx', contacts: [{ name: '王伟', phone: '0531-86000000' }] },
  { id: 'qingdao-kx', name: '青岛市科学技术协会', category: 'city-kx', parentId: 'sd-maker-home-2020:city-kx' },
  { id: 'sd-computer-society', name: '山东省计算机学会', category: 'provincial-society', parentId: null },
  { id: 'sd-kx', name: '山东省科学技术协会', category: 'province-kx', parentId: 'sd-maker-home-2020:province-kx' },
];

describe('organisation choices', () => {
  it('offers the categories of the role with their units (and their contacts), linked by parent row or by category id', () => {
    const choices = choicesForRole(categories, units, 'recommender');
    expect(choices.categories).toEqual([
      { id: 'sd-maker-home-2020:city-kx', title: '市科协' },
      { id: 'sd-maker-home-2020:provincial-society', title: '省级学会' },
    ]);
    expect(choices.units).toEqual([
      { id: 'jinan-kx', name: '济南市科学技术协会', category: 'sd-maker-home-2020:city-kx', contacts: [{ name: '王伟', phone: '0531-86000000' }] },
      { id: 'qingdao-kx', name: '青岛市科学技术协会', category: 'sd-maker-home-2020:city-kx', contacts: [] },
      { id: 'sd-computer-society', name: '山东省计算机学会', category: 'sd-maker-home-2020:provincial-society', contacts: [] },
    ]);
  });

  it('offers nothing of another role', () => {
    expect(choicesForRole(categories, units, 'province').units.map((unit) => unit.id)).toEqual(['sd-kx']);
  });
});
