/**
 * Fills a generated (rjsf + antd) form through its widgets, driven by data: walks the section's JSON Schema in the
 * UI schema's order and, for each value in `data`, operates the widget rjsf rendered for it, found by its rjsf id
 * (`root_<field>`, `root_<table>_<row>_<field>`): text and number inputs get the text inserted as one input event
 * (as an IME commit or a paste would), radio groups are clicked by option label, selects open and pick by label,
 * dates are typed into the date picker, table rows are added with the table's add button, files are chosen in the
 * attachment widget's file input, and the category-then-unit organisation picker is driven by its two selects.
 * Computed and hidden fields are left to the form.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

export interface SchemaNode {
  type?: string | string[];
  title?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  format?: string;
  [keyword: string]: unknown;
}

export type UiNode = Record<string, unknown>;

export interface FillOptions {
  /** CSS scope of the form on the page, e.g. '.sb-section-form'. */
  scope: string;
  /** A file on disk chosen for every attachment field. */
  file: string;
  /** How the organisation picker shows a unit id: its category's label and its own. */
  organisations?: Record<string, { category: string; unit: string }>;
}

/** Fills every field of `data` that the form lets the user enter; returns how many widgets it operated. */
export async function fillForm(page: Page, schema: SchemaNode, ui: UiNode | undefined, data: Record<string, unknown>, options: FillOptions): Promise<number> {
  return fillObject(page, schema, ui ?? {}, data, 'root', options);
}

async function fillObject(page: Page, schema: SchemaNode, ui: UiNode, data: Record<string, unknown>, idPrefix: string, options: FillOptions): Promise<number> {
  const properties = schema.properties ?? {};
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]).filter((key) => key !== '*') : [];
  const keys = [...order, ...Object.keys(properties).filter((key) => !order.includes(key))];
  let operated = 0;
  for (const key of keys) {
    const node = properties[key];
    const value = data[key];
    if (!node || value === undefined || value === null) continue;
    const fieldUi = (ui[key] ?? {}) as UiNode;
    if (node['x-computed'] !== undefined || fieldUi['ui:widget'] === 'hidden' || fieldUi['ui:readonly'] === true) continue;
    const id = `${idPrefix}_${key}`;
    operated += await fillField(page, node, fieldUi, value, id, options);
  }
  return operated;
}

async function fillField(page: Page, node: SchemaNode, ui: UiNode, value: unknown, id: string, options: FillOptions): Promise<number> {
  const { scope } = options;
  if (node['x-attachment'] !== undefined) {
    await chooseFile(page, scope, id, options.file);
    return 1;
  }
  if (node['x-organisation'] !== undefined) {
    const unit = options.organisations?.[String(value)];
    if (!unit) throw new Error(`no labels for organisation ${String(value)} (field ${id})`);
    await pickOrganisation(page, scope, id, unit);
    return 2;
  }
  if (node.type === 'array' && node.items?.type === 'object' && Array.isArray(value)) {
    let operated = 0;
    for (const [index, row] of value.entries()) {
      await addRow(page, scope, id, index);
      operated += 1 + await fillObject(page, node.items, (ui.items ?? {}) as UiNode, row as Record<string, unknown>, `${id}_${index}`, options);
    }
    return operated;
  }
  if (Array.isArray(node.enum)) {
    if (ui['ui:widget'] === 'radio') await clickRadio(page, scope, id, String(value));
    else await pickSelect(page, await field(page, scope, id), String(value));
    return 1;
  }
  if (node.format === 'date' || ui['ui:widget'] === 'date') {
    await typeDate(page, scope, id, String(value));
    return 1;
  }
  await insertText(page, scope, id, String(value));
  return 1;
}

async function field(page: Page, scope: string, id: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(`${scope} [id="${id}"]`);
  if (!handle) throw new Error(`no field ${id}`);
  return handle;
}

/** The whole text as one input event; then blur, which also hands a table row's buffered edit to the form. */
async function insertText(page: Page, scope: string, id: string, text: string): Promise<void> {
  const input = await field(page, scope, id);
  const enabled = await input.evaluate((node) => {
    const element = node as HTMLInputElement;
    if (element.disabled || element.readOnly) return false;
    element.focus();
    element.select();
    return true;
  });
  if (!enabled) throw new Error(`field ${id} is not fillable`);
  await page.keyboard.sendCharacter(text);
  const shown = await input.evaluate((node) => {
    (node as HTMLElement).blur();
    return (node as HTMLInputElement).value;
  });
  // InputNumber may show a number differently (trailing zeros); text must be kept exactly.
  if (shown !== text && Number(shown) !== Number(text)) throw new Error(`field ${id} shows "${shown}" after typing "${text}"`);
}

async function clickRadio(page: Page, scope: string, id: string, label: string): Promise<void> {
  await field(page, scope, id);
  const clicked = await page.$$eval(`${scope} [id="${id}"] .ant-radio-wrapper`, (wrappers, wanted) => {
    const wrapper = wrappers.find((node) => node.textContent?.trim() === wanted);
    if (!wrapper || wrapper.classList.contains('ant-radio-wrapper-disabled')) return false;
    (wrapper as HTMLElement).click();
    return true;
  }, label);
  if (!clicked) throw new Error(`no enabled option "${label}" in ${id}`);
  await page.waitForFunction((selector: string, wanted: string) =>
    document.querySelector(selector)?.textContent?.trim() === wanted, {}, `${scope} [id="${id}"] .ant-radio-wrapper-checked`, label);
}

/**
 * Opens an antd Select (a real mouse press: antd opens on mousedown) and clicks the option with that label. The
 * option is found and clicked in one step in the page: a searchable list re-renders while the search applies, and a
 * handle taken a moment earlier may already be detached.
 */
async function pickSelect(page: Page, inner: ElementHandle<Element>, label: string): Promise<void> {
  const select = (await inner.evaluateHandle((node) => node.closest('.ant-select') ?? node)) as ElementHandle<Element>;
  await select.click();
  // A long list (units of a category) is searchable and virtual: type to bring the option into the list.
  if (await select.evaluate((node) => node.classList.contains('ant-select-show-search'))) await page.keyboard.sendCharacter(label);
  await page.waitForFunction((wanted: string) => {
    const options = document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    const option = [...options].find((node) => node.getAttribute('title') === wanted);
    if (!option) return false;
    (option as HTMLElement).click();
    return true;
  }, {}, label);
  await page.waitForFunction((node: Element, wanted: string) => node.textContent?.includes(wanted) ?? false, {}, select, label);
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

async function pickOrganisation(page: Page, scope: string, id: string, unit: { category: string; unit: string }): Promise<void> {
  await field(page, scope, id);
  const selects = await page.$$(`${scope} [id="${id}"] .ant-select`);
  if (selects.length !== 2) throw new Error(`organisation picker ${id} has ${selects.length} selects`);
  await pickSelect(page, selects[0]!, unit.category);
  await page.waitForFunction((node: Element) => !node.classList.contains('ant-select-disabled'), {}, selects[1]!);
  await pickSelect(page, selects[1]!, unit.unit);
}

/** Enters the date into the picker's input and confirms it with Enter, as a user who does not click through the calendar. */
async function typeDate(page: Page, scope: string, id: string, date: string): Promise<void> {
  const input = await field(page, scope, id);
  await input.click();
  await page.keyboard.sendCharacter(date);
  await page.keyboard.press('Enter');
  await page.waitForFunction((node: Element, wanted: string) => (node as HTMLInputElement).value === wanted, {}, input, date);
  await input.evaluate((node) => (node as HTMLElement).blur());
}

async function chooseFile(page: Page, scope: string, id: string, file: string): Promise<void> {
  const input = (await page.waitForSelector(`${scope} input[data-testid="${id}__input"]`)) as ElementHandle<HTMLInputElement> | null;
  if (!input) throw new Error(`no file input for ${id}`);
  await input.uploadFile(file);
  await page.waitForSelector(`${scope} [id="${id}"] a[href^="/api/files/"]`);
}

/**
 * Adds row `index` (0-based) with the table's add button and waits for its fields; a row the form already shows
 * (a table with minItems starts with empty rows) is filled as it is.
 */
async function addRow(page: Page, scope: string, id: string, index: number): Promise<void> {
  const add = await page.waitForSelector(`${scope} fieldset[id="${id}"] > .sb-table__add`);
  if (await page.$(`${scope} [id="${id}_${index}"]`)) return;
  await add!.evaluate((node) => (node as HTMLButtonElement).click());
  await page.waitForSelector(`${scope} [id="${id}_${index}"]`);
}

export interface ProgrammeForms {
  sections: Array<{ id: string; schema: SchemaNode; ui: UiNode }>;
  fixture: { data: Record<string, Record<string, unknown>> };
}

/** A programme folder's section schemas (in the programme's order) and its complete fixture. */
export async function readProgrammeForms(programmeDir: string): Promise<ProgrammeForms> {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const json = async <T>(file: string): Promise<T> => JSON.parse(await readFile(path.join(programmeDir, file), 'utf8')) as T;
  const manifest = await json<{ sections: Array<{ id: string; schema: string; ui?: string }> }>('programme.json');
  const sections = [];
  for (const section of manifest.sections) {
    sections.push({ id: section.id, schema: await json<SchemaNode>(section.schema), ui: section.ui ? await json<UiNode>(section.ui) : {} });
  }
  return { sections, fixture: await json('fixtures/complete.json') };
}

/**
 * Opens one section of the application, fills it through the form, saves with 暂存 and checks that the save was
 * a manual one (not only an earlier autosave) and that the form marks no field as wrong.
 */
export async function fillSectionInUi(page: Page, baseUrl: string, applicationId: string, section: { id: string; schema: SchemaNode; ui: UiNode }, data: Record<string, unknown>, options: Omit<FillOptions, 'scope'>): Promise<number> {
  const url = `${baseUrl}/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(section.id)}`;
  if (page.url() !== url) await page.goto(url);
  await page.waitForSelector('.sb-section-form form');
  const operated = await fillForm(page, section.schema, section.ui, data, { ...options, scope: '.sb-section-form' });
  await page.waitForSelector('.sb-save-bar button:not([disabled])');
  await page.$eval('.sb-save-bar button', (button) => (button as HTMLButtonElement).click());
  await page.waitForFunction(() => /已于 [\d:]+ 保存/.test(document.querySelector('.sb-save-bar')?.textContent ?? ''), { timeout: 30_000 });
  const problems = await page.$$eval('.sb-section-form .ant-form-item-explain-error', (nodes) => nodes.map((node) => `${node.closest('.ant-form-item')?.querySelector('label')?.textContent ?? '?'}: ${node.textContent}`));
  if (problems.length > 0) throw new Error(`section ${section.id} saved with errors: ${problems.join('; ')}`);
  return operated;
}
