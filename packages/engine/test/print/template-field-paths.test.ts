import { describe, expect, it } from 'vitest';
import { templateFieldPaths } from '../../src/print/index.ts';

describe('templateFieldPaths', () => {
  it('lists plain paths and helper arguments, once each, in order of use', () => {
    const source = '{{data.basic.name}} {{zhDate data.basic.foundedOn time=true}} {{amount data.site.assets unit=data.site.unit}} {{data.basic.name}}';
    expect(templateFieldPaths(source)).toEqual(['data.basic.name', 'data.basic.foundedOn', 'data.site.assets', 'data.site.unit']);
  });

  it('follows each, with, block parameters, ../ and @root', () => {
    const source = [
      '{{#with data.basic}}{{platformName}}{{#each ../data.site.rows}}{{address}}{{../contact}}{{/each}}{{/with}}',
      '{{#each data.teams as |team i|}}{{team.name}}{{index1 i}}{{#each team.members}}{{this.name}}{{@root.version}}{{/each}}{{/each}}',
      '{{#each data.mentors}}{{this}}{{else}}{{data.noMentorsNote}}{{/each}}',
    ].join('');
    const paths = templateFieldPaths(source);
    expect(paths).toEqual([
      'data.basic',
      'data.basic.platformName',
      'data.site.rows', // `../` inside `with` climbs back to the root
      'data.site.rows[].address',
      'data.basic.contact', // `../` inside `each` climbs to the `with` context
      'data.teams',
      'data.teams[].name',
      'data.teams[].members',
      'data.teams[].members[].name',
      'version',
      'data.mentors',
      'data.mentors[]',
      'data.noMentorsNote', // {{else}} of each reads the outer context
    ]);
    expect(paths.some((p) => p.includes('@'))).toBe(false);
  });

  it('reports the column sum reads and the key lookup reads', () => {
    expect(templateFieldPaths('{{amount (sum data.site.rows "area")}}{{lookup data.basic "kind"}}')).toEqual([
      'data.site.rows',
      'data.site.rows[].area',
      'data.basic',
      'data.basic.kind',
    ]);
  });

  it('does not count helper names, literals or data variables as paths', () => {
    expect(templateFieldPaths('{{pageBreak}}{{check data.k "高校"}}{{#each data.r}}{{@index}}{{@key}}{{/each}}')).toEqual(['data.k', 'data.r']);
  });

  it('lists conditions of if/unless without changing the context', () => {
    expect(templateFieldPaths('{{#if data.a}}{{data.b}}{{else}}{{data.c}}{{/if}}{{#unless (eq data.d 1)}}x{{/unless}}')).toEqual([
      'data.a',
      'data.b',
      'data.c',
      'data.d',
    ]);
  });

  it('yields nothing for a template that does not parse', () => {
    expect(templateFieldPaths('{{#if}')).toEqual([]);
  });
});
