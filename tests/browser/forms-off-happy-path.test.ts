/**
 * Issue 13: forms that never lose a keystroke off the happy path, for every section of every programme — driven by
 * the programme folders (a new folder with a fixture is covered without new test code).
 *
 * Per section, in a real browser and through the widgets: fill the section's simple fields with the fixture's valid
 * values (form-filler.ts), then type an invalid value in each kind of field present (a text with a format or
 * pattern, a number outside its limits, a table cell; dates and selects cannot take an invalid value through their
 * pickers, so they get a valid one that must survive), wait until the autosave has answered (with field errors),
 * keep typing elsewhere, wait for the next autosave, reload: every typed value is still on screen, the server holds
 * exactly those values (read back through GraphQL), and each invalid value's error sits at its field.
 *
 * Then, on one programme: leaving with unsaved edits through the menu saves them; reloading with unsaved edits is
 * warned (beforeunload) and the edits are offered back from this browser's copy; a phone viewport fill of one section.
 *
 * FORMS_PROGRAMMES=a,b restricts the run to some programmes (for a quick local check).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { createApplicant, gqlInPage, login, newPage, repoRoot, startApplication, startWorld, waitForText, type BrowserWorld } from './harness.ts';
import { fillForm, readProgrammeForms, type ProgrammeForms, type SchemaNode, type UiNode } from './form-filler.ts';

const programmesDir = path.join(repoRoot, 'programmes');
const only = process.env.FORMS_PROGRAMMES?.split(',').filter(Boolean);
/** Every programme folder with a complete fixture, read at collection time so each gets its own tests. */
const programmeIds = (await readdir(programmesDir)).filter((id) => !only || only.includes(id)).sort();
const withFixture: string[] = [];
for (const id of programmeIds) {
  if (await stat(path.join(programmesDir, id, 'fixtures/complete.json')).then(() => true, () => false)) withFixture.push(id);
  else console.warn(`forms-off-happy-path: ${id} has no fixtures/complete.json; skipped`);
}
const forms = new Map<string, ProgrammeForms>();
for (const id of withFixture) forms.set(id, await readProgrammeForms(path.join(programmesDir, id)));

const scope = '.sb-section-form';
const autosaved = /已于 [\d:]+ 自动保存/;

type Kind = 'text' | 'format' | 'number' | 'date' | 'choice' | 'cell';
interface Typed {
  /** rjsf id of the widget. */
  id: string;
  /** Path inside the section's data. */
  path: Array<string | number>;
  value: string | number;
  kind: Kind;
  /** An invalid value: the server must report an error at this field. */
  invalid: boolean;
}

function isNumber(node: SchemaNode): boolean {
  return node.type === 'number' || node.type === 'integer';
}

/** A top-level field the filler can operate and the fixture gives a simple value for. */
function simpleKind(node: SchemaNode, ui: UiNode, value: unknown): Kind | undefined {
  if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'object') return undefined;
  if (node['x-computed'] !== undefined || node['x-attachment'] !== undefined || node['x-organisation'] !== undefined) return undefined;
  if (ui['ui:widget'] === 'hidden' || ui['ui:readonly'] === true || node.readOnly === true) return undefined;
  if (Array.isArray(node.enum)) return 'choice';
  if (node.format === 'date' || ui['ui:widget'] === 'date') return 'date';
  if (isNumber(node)) return 'number';
  if (node.type !== 'string') return undefined;
  return node.format || node.pattern ? 'format' : 'text';
}

/** A value outside a number field's limits, or undefined when it has none. */
function invalidNumber(node: SchemaNode): number | undefined {
  if (typeof node.maximum === 'number') return Math.floor(node.maximum) + 1000;
  if (typeof node.minimum === 'number') return Math.ceil(node.minimum) - 5;
  return undefined;
}

async function isEnabled(page: Page, id: string): Promise<boolean> {
  return page.$eval(`${scope} [id="${id}"]`, (node) => {
    const element = node as HTMLInputElement;
    return !element.disabled && !element.readOnly && !node.closest('.ant-select-disabled, .ant-radio-group-disabled, .ant-picker-disabled, .ant-input-number-disabled');
  }).catch(() => false);
}

/** What a widget shows now: an input's value, a radio group's or select's chosen label. */
async function shown(page: Page, id: string): Promise<string> {
  return page.$eval(`${scope} [id="${id}"]`, (node) => {
    const checked = node.querySelector('.ant-radio-wrapper-checked');
    if (checked) return checked.textContent?.trim() ?? '';
    const select = node.closest('.ant-select');
    if (select) return select.querySelector('[title]')?.getAttribute('title') ?? select.textContent?.trim() ?? '';
    return (node as HTMLInputElement).value ?? '';
  });
}

function sameShown(screen: string, typed: string | number): boolean {
  return screen === String(typed) || (typeof typed === 'number' && Number(screen.replace(/,/g, '')) === typed);
}

async function expectAllShown(page: Page, typed: Typed[], when: string): Promise<void> {
  const lost: string[] = [];
  for (const entry of typed) {
    const value = await shown(page, entry.id).catch(() => '<gone>');
    if (!sameShown(value, entry.value)) lost.push(`${entry.id}: typed "${entry.value}", shows "${value}"`);
  }
  expect(lost, `${when}: typed values lost on screen`).toEqual([]);
}

function at(data: unknown, pathParts: Array<string | number>): unknown {
  let current = data;
  for (const part of pathParts) current = current === null || typeof current !== 'object' ? undefined : (current as Record<string, unknown>)[String(part)];
  return current;
}

async function expectServerHolds(page: Page, applicationId: string, sectionId: string, typed: Typed[]): Promise<void> {
  const result = await gqlInPage<{ application: { data: Record<string, Record<string, unknown>> } }>(page, 'query($id: ID!) { application(id: $id) { data } }', { id: applicationId });
  const section = result.application.data[sectionId] ?? {};
  const wrong: string[] = [];
  for (const entry of typed) {
    const held = at(section, entry.path);
    const same = typeof entry.value === 'number' ? Number(held) === entry.value : held === entry.value;
    if (!same) wrong.push(`${entry.path.join('/')}: on screen "${entry.value}", server holds ${JSON.stringify(held)}`);
  }
  expect(wrong, 'the server holds what is on screen').toEqual([]);
}

async function fieldError(page: Page, id: string): Promise<string> {
  return page.$eval(`${scope} [id="${id}"]`, (node) => node.closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent ?? '').catch(() => '');
}

/** Waits until the autosave of everything typed so far has answered (the bar says 自动保存, not 未保存/正在保存). */
async function waitForAutosave(page: Page): Promise<void> {
  await page.waitForFunction((pattern: string) => new RegExp(pattern).test(document.querySelector('.sb-save-bar')?.textContent ?? ''), { timeout: 30_000 }, autosaved.source);
}

/** Replaces a text/number input's content with one input event (as a paste or an IME commit), then blurs. */
async function retype(page: Page, id: string, text: string): Promise<void> {
  await page.$eval(`${scope} [id="${id}"]`, (node) => {
    (node as HTMLInputElement).focus();
    (node as HTMLInputElement).select();
  });
  await page.keyboard.sendCharacter(text);
  await page.$eval(`${scope} [id="${id}"]`, (node) => (node as HTMLElement).blur());
}

describe('forms keep every keystroke off the happy path, in every section of every programme', () => {
  let world: BrowserWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startWorld(withFixture);
    const mobile = await createApplicant(world.app, '表单韧性测试科技有限公司');
    page = await newPage(world);
    await login(page, world.baseUrl, mobile);
    // Reloading with unsaved edits asks first: the harness answers "leave"; the test checks the question was asked.
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
    });
  });
  afterAll(async () => world?.close());
  const asked: string[] = [];
  const applications = new Map<string, string>();

  for (const programmeId of withFixture) {
    const { sections, fixture } = forms.get(programmeId)!;
    describe(programmeId, () => {
      for (const section of sections) {
        it(`${section.id}: typos, autosave, more typing and a reload lose nothing; errors sit at their fields`, async () => {
          if (!applications.has(programmeId)) applications.set(programmeId, await startApplication(page, world.baseUrl, programmeId));
          const applicationId = applications.get(programmeId)!;
          await page.goto(`${world.baseUrl}/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(section.id)}`);
          await page.waitForSelector(`${scope} form`);
          const data = fixture.data[section.id] ?? {};
          const properties = section.schema.properties ?? {};
          const typed: Typed[] = [];

          // 1. Valid values from the fixture, field by field in the form's order (a field its rules disable is left).
          const order = Array.isArray(section.ui['ui:order']) ? (section.ui['ui:order'] as string[]).filter((key) => key !== '*') : [];
          const keys = [...order, ...Object.keys(properties).filter((key) => !order.includes(key))];
          for (const key of keys) {
            const node = properties[key];
            if (!node) continue;
            const ui = (section.ui[key] ?? {}) as UiNode;
            const kind = simpleKind(node, ui, data[key]);
            if (!kind || !(await isEnabled(page, `root_${key}`))) continue;
            await fillForm(page, section.schema, section.ui, { [key]: data[key] }, { scope, file: '' });
            typed.push({ id: `root_${key}`, path: [key], value: data[key] as string | number, kind, invalid: false });
          }

          // 2. An invalid value in each kind of field present.
          const replace = (entry: Typed) => typed.splice(typed.findIndex((candidate) => candidate.id === entry.id), 1, entry);
          const formatField = typed.find((entry) => entry.kind === 'format');
          if (formatField) {
            await retype(page, formatField.id, '12ab#');
            replace({ ...formatField, value: '12ab#', invalid: true });
          }
          const numberField = typed.find((entry) => entry.kind === 'number' && invalidNumber(properties[String(entry.path[0])]!) !== undefined);
          if (numberField) {
            const wrong = invalidNumber(properties[String(numberField.path[0])]!)!;
            await retype(page, numberField.id, String(wrong));
            replace({ ...numberField, value: wrong, invalid: true });
          }
          const table = Object.entries(properties).find(([key, node]) => node.type === 'array' && node.items?.type === 'object' && node['x-computed'] === undefined
            && Object.values(node.items.properties ?? {}).some((cell) => cell.type === 'string' && !cell.enum && !cell.format && cell['x-attachment'] === undefined && cell['x-computed'] === undefined)
            && !((section.ui[key] as UiNode | undefined)?.['ui:readonly']));
          if (table && (await page.$(`${scope} fieldset[id="root_${table[0]}"] > .sb-table__add`))) {
            const [tableKey, tableNode] = table;
            const cells = Object.entries(tableNode.items!.properties!);
            const [cellKey, cell] = cells.find(([, candidate]) => candidate.type === 'string' && !candidate.enum && !candidate.format && candidate['x-attachment'] === undefined && candidate['x-computed'] === undefined)!;
            // Over the cell's length limit when it has one (an invalid value), else a plain text.
            const value = typeof cell.maxLength === 'number' ? '超'.repeat(cell.maxLength + 3) : '表格单元格内容';
            if (!(await page.$(`${scope} [id="root_${tableKey}_0"]`))) await page.$eval(`${scope} fieldset[id="root_${tableKey}"] > .sb-table__add`, (node) => (node as HTMLButtonElement).click());
            const cellId = `root_${tableKey}_0_${cellKey}`;
            await page.waitForSelector(`${scope} [id="${cellId}"]`);
            if (await isEnabled(page, cellId)) {
              await retype(page, cellId, value);
              typed.push({ id: cellId, path: [tableKey, 0, cellKey], value, kind: 'cell', invalid: typeof cell.maxLength === 'number' });
            }
          }
          if (typed.length === 0) {
            console.warn(`forms-off-happy-path: ${programmeId}/${section.id} has no field the filler can type into (only files, tables of files or choices of units); skipped`);
            return;
          }

          // 3. Past the autosave: its answer carries the errors, and the screen keeps every typed value.
          await waitForAutosave(page);
          await expectAllShown(page, typed, 'after the autosave answered with errors');
          for (const entry of typed.filter((candidate) => candidate.invalid)) {
            await page.waitForFunction((id: string) => Boolean(document.getElementById(id)?.closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent), { timeout: 10_000 }, entry.id)
              .catch(() => undefined);
            expect(await fieldError(page, entry.id), `error at ${entry.id}`).not.toBe('');
          }

          // 4. Keep typing elsewhere (a text field left valid, else the last field), then let it autosave.
          const elsewhere = typed.find((entry) => entry.kind === 'text') ?? typed.find((entry) => !entry.invalid && entry.kind !== 'choice' && entry.kind !== 'date');
          if (elsewhere) {
            const more = typeof elsewhere.value === 'number' ? elsewhere.value + 1 : `${elsewhere.value}续`;
            await retype(page, elsewhere.id, String(more));
            replace({ ...elsewhere, value: more });
            await page.waitForFunction(() => !/自动保存/.test(document.querySelector('.sb-save-bar')?.textContent ?? ''), { timeout: 5_000 }).catch(() => undefined);
            await waitForAutosave(page);
          }
          await expectAllShown(page, typed, 'after typing on and the next autosave');
          await expectServerHolds(page, applicationId, section.id, typed);

          // 5. Reload: what the server holds comes back on screen.
          await page.reload();
          await page.waitForSelector(`${scope} form`);
          await expectAllShown(page, typed, 'after a reload');
          expect(await page.$(`[data-testid="backup-offer"]`), 'nothing left unsaved to offer back').toBeNull();
        });
      }
    });
  }

  describe('leaving with unsaved edits, and a phone', () => {
    // The first programme whose first section has a plain text field to type into.
    const target = withFixture.map((programmeId) => {
      const section = forms.get(programmeId)!.sections[0]!;
      const key = Object.entries(section.schema.properties ?? {}).find(([name, node]) => node.type === 'string' && !node.enum && !node.format && !node.pattern
        && node['x-fillable'] === undefined && node['x-computed'] === undefined && node['x-attachment'] === undefined && node['x-organisation'] === undefined
        && !((section.ui[name] as UiNode | undefined)?.['ui:readonly']))?.[0];
      return key ? { programmeId, section, key } : undefined;
    }).find(Boolean);

    it('a menu click within the autosave delay saves the edit; a reload with unsaved edits is warned and offers them back', async () => {
      if (!target) return console.warn('forms-off-happy-path: no programme has a plain text field in its first section; leave tests skipped');
      const { programmeId, section, key } = target;
      const applicationId = await startApplication(page, world.baseUrl, programmeId);
      const base = `${world.baseUrl}/applications/${encodeURIComponent(applicationId)}`;
      await page.goto(`${base}/sections/${encodeURIComponent(section.id)}`);
      await page.waitForSelector(`${scope} [id="root_${key}"]`);
      await retype(page, `root_${key}`, '离开前刚输入的内容');
      // Within the 3 s autosave delay: leave through the section menu's 核对并提交 (a client-side route change).
      await page.evaluate(() => {
        const item = [...document.querySelectorAll('.ant-menu-item')].find((node) => node.textContent?.includes('核对并提交'));
        if (!item) throw new Error('no 核对并提交 in the section menu');
        (item as HTMLElement).click();
      });
      await page.waitForFunction(() => location.pathname.endsWith('/review'));
      await expect.poll(async () => {
        const result = await gqlInPage<{ application: { data: Record<string, Record<string, unknown>> } }>(page, 'query($id: ID!) { application(id: $id) { data } }', { id: applicationId });
        return result.application.data[section.id]?.[key];
      }, { timeout: 15_000 }).toBe('离开前刚输入的内容');

      // Reload within the autosave delay: the browser asks first, and the edit is offered back from this browser.
      await page.goto(`${base}/sections/${encodeURIComponent(section.id)}`);
      await page.waitForSelector(`${scope} [id="root_${key}"]`);
      asked.length = 0;
      await retype(page, `root_${key}`, '重新加载前的内容');
      await page.reload();
      expect(asked).toContain('beforeunload');
      await page.waitForSelector('[data-testid="backup-offer"]');
      expect(await shown(page, `root_${key}`)).toBe('离开前刚输入的内容');
      await page.click('[data-testid="backup-restore"]');
      await page.waitForFunction((id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value === '重新加载前的内容', {}, `root_${key}`);
      await waitForAutosave(page);
      const result = await gqlInPage<{ application: { data: Record<string, Record<string, unknown>> } }>(page, 'query($id: ID!) { application(id: $id) { data } }', { id: applicationId });
      expect(result.application.data[section.id]?.[key]).toBe('重新加载前的内容');
    });

    it('fills a section on a phone (390 x 844) and keeps it over a reload', async () => {
      if (!target) return;
      const { programmeId, section, key } = target;
      const phone = await newPage(world);
      try {
        await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
        await phone.setDefaultTimeout(30_000);
        const mobile = await createApplicant(world.app, '手机填报测试有限公司');
        await login(phone, world.baseUrl, mobile);
        const applicationId = await startApplication(phone, world.baseUrl, programmeId);
        await phone.goto(`${world.baseUrl}/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(section.id)}`);
        await phone.waitForSelector(`${scope} [id="root_${key}"]`);
        const data = forms.get(programmeId)!.fixture.data[section.id] ?? {};
        const value = typeof data[key] === 'string' ? (data[key] as string) : '手机上填写的内容';
        await fillForm(phone, section.schema, section.ui, { [key]: value }, { scope, file: '' });
        // 暂存 is on screen and reachable.
        const save = await phone.$eval('.sb-save-bar button', (button) => {
          const box = button.getBoundingClientRect();
          return { right: box.right, width: window.innerWidth };
        });
        expect(save.right).toBeLessThanOrEqual(save.width);
        await phone.$eval('.sb-save-bar button', (button) => (button as HTMLButtonElement).click());
        await waitForText(phone, '保存');
        await phone.waitForFunction(() => /已于 [\d:]+ 保存/.test(document.querySelector('.sb-save-bar')?.textContent ?? ''), { timeout: 30_000 });
        await phone.reload();
        await phone.waitForSelector(`${scope} [id="root_${key}"]`);
        expect(await phone.$eval(`${scope} [id="root_${key}"]`, (node) => (node as HTMLInputElement).value)).toBe(value);
      } finally {
        await phone.browserContext().close();
      }
    });
  });
});
