import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProgrammeFiles } from '../src/programmes/publish-check.ts';

function readFolder(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(folder, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(folder);
  return files;
}

const mini = readFolder(fileURLToPath(new URL('../../engine/test/fixtures/mini-filing', import.meta.url)));
const withWidget = (field: string, widget: string) => {
  const ui = JSON.parse(mini['forms/basic.ui.json']!) as Record<string, Record<string, unknown>>;
  ui[field] = { ...(ui[field] ?? {}), 'ui:widget': widget };
  return { ...mini, 'forms/basic.ui.json': JSON.stringify(ui) };
};

describe('ui:widget resolved with rjsf\'s own getWidget (the server\'s check step)', () => {
  it('an unknown widget is refused with the UI file and pointer', async () => {
    const { problems } = await checkProgrammeFiles(withWidget('mobile', 'phone'));
    expect(problems).toEqual([expect.objectContaining({ file: 'forms/basic.ui.json', pointer: '/mobile/ui:widget', code: 'SB_CHECK_UI_WIDGET' })]);
    expect(problems[0]!.message.en).toContain('"phone"');
  }, 30_000);

  it('a widget that does not fit the field\'s type (updown on text) is refused', async () => {
    const { problems } = await checkProgrammeFiles(withWidget('mobile', 'updown'));
    expect(problems).toEqual([expect.objectContaining({ pointer: '/mobile/ui:widget', code: 'SB_CHECK_UI_WIDGET' })]);
  }, 30_000);

  it('rjsf\'s aliases and the registered names pass', async () => {
    for (const widget of ['textarea', 'TextareaWidget', 'text']) {
      expect((await checkProgrammeFiles(withWidget('mobile', widget))).problems).toEqual([]);
    }
  }, 60_000);
});
