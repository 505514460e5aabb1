import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditEvents, users } from '../src/db/schema/index.ts';
import { demoPassword, seedDemoAccounts } from '../src/demo/demo-accounts.ts';
import { describeEachDatabase } from './helpers/database.ts';
import { errorCode, startAccountsApp, TestClient, type AccountsTestApp } from './fixtures/accounts-app.ts';

const units = [
  { id: 'unit-jinan', title: '济南市科学技术协会', category: 'city' },
  { id: 'unit-qingdao', title: { zh: '青岛市科学技术协会', en: 'Qingdao Association' }, category: 'city' },
  { id: 'unit-society', title: '某省级学会', category: 'society' },
];
const categories = [
  { id: 'city', title: '市科协', role: 'recommender', quota: 2 },
  { id: 'society', title: '省级学会', role: 'recommender', quota: 1 },
];

const importMutation = `mutation($f: ID!, $p: String!, $all: Boolean!) {
  importReviewers(fileId: $f, initialPassword: $p, allOrNothing: $all) {
    committed created existing errors rows { rowNumber name mobile status organisationId grantAdded reasons { zh en } }
  }
}`;

type Report = { committed: boolean; created: number; existing: number; errors: number; rows: { rowNumber: number; mobile: string; status: string; organisationId: string | null; reasons: { zh: string; en: string }[] }[] };

async function xlsxBytes(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件1');
  sheet.addRow(['推荐单位审核账号申请表']); // a title line above the header, as notices have
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sbtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDatabase('accounts: roles, reviewer accounts, forced password change', (database) => {
  let t: AccountsTestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startAccountsApp(database());
    await seedDemoAccounts(t.app.services);
    await t.app.services.organisations.upsertProgrammeOrganisations('test-programme', categories, units);
    admin = new TestClient(t.app);
    await admin.login('13800000000', demoPassword);
  });
  afterAll(async () => t.close());

  async function upload(client: TestClient, name: string, bytes: Buffer): Promise<string> {
    const { payload, headers } = multipart({ purpose: 'reviewer-import' }, { name, bytes });
    const response = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { ...headers, ...client.headers() } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  it('lists a programme\'s categories with their role and quota, and the units of one category', async () => {
    const cats = await admin.gql<{ organisations: { id: string; role: string; quota: number | null }[] }>('{ organisations(kind: "category", programmeId: "test-programme") { id role quota } }');
    expect([...cats.data!.organisations].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'test-programme:city', role: 'recommender', quota: 2 },
      { id: 'test-programme:society', role: 'recommender', quota: 1 },
    ]);
    const city = await admin.gql<{ organisations: { id: string; parentId: string }[] }>('{ organisations(kind: "reviewer", category: "city") { id parentId } }');
    expect(city.data!.organisations.map((o) => o.id).sort()).toEqual(['unit-jinan', 'unit-qingdao']);
    expect(city.data!.organisations[0]!.parentId).toBe('test-programme:city');
  });

  it('lists a programme\'s units in the notice\'s order, not by name', async () => {
    // 青岛 sorts after 淄博 and 济南 by code point; the notice lists them 青岛, 淄博, 济南 here.
    await t.app.services.organisations.upsertProgrammeOrganisations('order-programme', [{ id: 'city', title: '市科协', role: 'recommender' }], [
      { id: 'order-qingdao', title: '青岛市科协', category: 'city' },
      { id: 'order-zibo', title: '淄博市科协', category: 'city' },
      { id: 'order-jinan', title: '济南市科协', category: 'city' },
    ]);
    const listed = await admin.gql<{ organisations: { id: string }[] }>('{ organisations(kind: "reviewer", programmeId: "order-programme") { id } }');
    expect(listed.data!.organisations.map((o) => o.id)).toEqual(['order-qingdao', 'order-zibo', 'order-jinan']);
  });

  it('gives each unit the contacts its notice lists (联系人及电话), none for a unit without', async () => {
    await t.app.services.organisations.upsertProgrammeOrganisations('contact-programme', [{ id: 'city', title: '市科技局', role: 'recommender' }], [
      { id: 'contact-taiyuan', title: '太原市科技局', category: 'city', contacts: [{ name: '康健', phone: '0351-4223750' }] },
      { id: 'contact-most', title: '科学技术部', category: 'city', contacts: [{ name: '曹煜中', phone: '010-58884274', note: { zh: '电子邮箱：kjb@example.cn', en: 'e-mail: kjb@example.cn' } }] },
      { id: 'contact-none', title: '未列联系人的单位', category: 'city' },
    ]);
    const listed = await admin.gql<{ organisations: { id: string; contacts: { name: string; phone: string; note: unknown }[] }[] }>(
      '{ organisations(kind: "reviewer", programmeId: "contact-programme") { id contacts { name phone note } } }',
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.organisations).toEqual([
      { id: 'contact-taiyuan', contacts: [{ name: '康健', phone: '0351-4223750', note: null }] },
      { id: 'contact-most', contacts: [{ name: '曹煜中', phone: '010-58884274', note: { zh: '电子邮箱：kjb@example.cn', en: 'e-mail: kjb@example.cn' } }] },
      { id: 'contact-none', contacts: [] },
    ]);
  });

  describe("an administrator's changes to a notice's unit", () => {
    const programmeId = 'edit-programme';
    const editCategories = [{ id: 'city', title: '市科技局', role: 'recommender' }, { id: 'county', title: '县科技局', role: 'recommender' }];
    const notice = (phone: string, title = '大同市科技局') => [
      { id: 'edit-datong', title, category: 'city', contacts: [{ name: '张明', phone }] },
      { id: 'edit-shuozhou', title: '朔州市科技局', category: 'city', contacts: [{ name: '王芳', phone: '0349-2023583' }] },
    ];
    const unitFields = 'id name category contacts { name phone note } contactsEdited';
    type Unit = { id: string; name: string; category: string; contacts: { name: string; phone: string; note: unknown }[]; contactsEdited: boolean };
    const update = (id: string, input: Record<string, unknown>) =>
      admin.gql<{ updateUnit: Unit }>(`mutation($id: ID!, $input: UnitPatch!) { updateUnit(id: $id, input: $input) { ${unitFields} } }`, { id, input });
    const listed = async () => (await admin.gql<{ organisations: Unit[] }>(`{ organisations(kind: "reviewer", programmeId: "${programmeId}") { ${unitFields} } }`)).data!.organisations;
    const fieldsOf = (result: { errors?: { extensions: Record<string, unknown> }[] }) => Object.keys((result.errors![0]!.extensions.details as { fields: Record<string, unknown> }).fields).sort();

    beforeAll(async () => t.app.services.organisations.upsertProgrammeOrganisations(programmeId, editCategories, notice('0352-5041056')));

    it('replaces the contacts; a new version of the programme keeps them, and what the administrator left alone follows the notice', async () => {
      const edited = await update('edit-datong', { contacts: [{ name: ' 李华 ', phone: '0352-5041057、13800000000', note: '业务咨询' }, { name: '赵强', phone: '(0352)5041058转8' }] });
      expect(edited.errors).toBeUndefined();
      expect(edited.data!.updateUnit).toMatchObject({
        contacts: [{ name: '李华', phone: '0352-5041057、13800000000', note: '业务咨询' }, { name: '赵强', phone: '(0352)5041058转8', note: null }],
        contactsEdited: true,
      });
      const renamed = await update('edit-shuozhou', { name: '朔州市科学技术局', programmeId, category: 'county' });
      expect(renamed.data!.updateUnit).toMatchObject({ name: '朔州市科学技术局', category: 'county', contactsEdited: false });

      // The next version of the notice changes a phone and a unit's title.
      await t.app.services.organisations.upsertProgrammeOrganisations(programmeId, editCategories, notice('0352-9999999', '大同市科学技术局'));
      expect(await listed()).toEqual([
        { id: 'edit-datong', name: '大同市科学技术局', category: 'city', contacts: edited.data!.updateUnit.contacts, contactsEdited: true },
        { id: 'edit-shuozhou', name: '朔州市科学技术局', category: 'county', contacts: [{ name: '王芳', phone: '0349-2023583', note: null }], contactsEdited: false },
      ]);
    });

    it("goes back to the notice's contacts, the newest version's", async () => {
      const restored = await update('edit-datong', { contactsFromNotice: true });
      expect(restored.errors).toBeUndefined();
      expect(restored.data!.updateUnit).toMatchObject({ contacts: [{ name: '张明', phone: '0352-9999999', note: null }], contactsEdited: false });
    });

    it('refuses bad contacts field by field, in Chinese and English, and changes nothing', async () => {
      const before = await listed();
      const bad = await update('edit-datong', { name: '新名称', contacts: [{ name: ' ', phone: '0352-5041056' }, { name: '李华', phone: 'call me' }, { name: '王五', phone: '123' }] });
      expect(errorCode(bad)).toBe('SB_ERR_VALIDATION');
      expect(fieldsOf(bad)).toEqual(['/contacts/0/name', '/contacts/1/phone', '/contacts/2/phone']);
      const message = (bad.errors![0]!.extensions.details as { fields: Record<string, { zh: string; en: string }[]> }).fields['/contacts/1/phone']![0]!;
      expect(message.zh).toContain('联系电话格式不正确');
      expect(message.en).toContain('Not a phone number');

      const tooMany = await update('edit-datong', { contacts: Array.from({ length: 11 }, (_, i) => ({ name: `联系人${i}`, phone: '0352-5041056' })) });
      expect(fieldsOf(tooMany)).toEqual(['/contacts']);
      const both = await update('edit-datong', { contacts: [{ name: '李华', phone: '0352-5041056' }], contactsFromNotice: true });
      expect(fieldsOf(both)).toEqual(['/contactsFromNotice']);
      expect(await listed()).toEqual(before);
    });

    it('lets only platform administrators change contacts', async () => {
      const applicant = new TestClient(t.app);
      await applicant.login('13900000002', demoPassword);
      const result = await applicant.gql('mutation { updateUnit(id: "edit-datong", input: { contacts: [{ name: "冒充", phone: "0352-5041056" }] }) { id } }');
      expect(errorCode(result)).toBe('SB_ERR_FORBIDDEN');
      expect((await listed())[0]!.contacts).toEqual([{ name: '张明', phone: '0352-9999999', note: null }]);
    });
  });

  it('refuses an admin mutation to a non-admin with SB_ERR_FORBIDDEN and an access.denied audit row', async () => {
    const applicant = new TestClient(t.app);
    await applicant.login('13900000001', demoPassword);
    const result = await applicant.gql('mutation { createUnit(input: { name: "冒充单位" }) { id } }');
    expect(errorCode(result)).toBe('SB_ERR_FORBIDDEN');
    const user = await t.app.services.accounts.findByMobile('13900000001');
    const denied = await database().db.select().from(auditEvents).where(and(eq(auditEvents.actorId, user!.id), eq(auditEvents.action, 'access.denied')));
    expect(denied).toHaveLength(1);
    expect(denied[0]!.details).toMatchObject({ code: 'SB_ERR_FORBIDDEN', role: 'platform_admin' });
  });

  describe('a reviewer created by the admin must change the initial password first', () => {
    it('creates the account with the given initial password', async () => {
      const created = await admin.gql<{ createReviewer: { mobile: string; initialPassword: string; organisation: { id: string; role: string } } }>(
        'mutation { createReviewer(input: { mobile: "13700001234", name: "赵六", title: "科长", organisationId: "unit-jinan", initialPassword: "1qaz2wsx" }) { mobile initialPassword organisation { id role } } }',
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createReviewer).toEqual({ mobile: '13700001234', initialPassword: '1qaz2wsx', organisation: { id: 'unit-jinan', role: 'recommender' } });
    });

    it('lets the reviewer see only me, changePassword and logout until the password is changed', async () => {
      const reviewer = new TestClient(t.app);
      const login = await reviewer.login('13700001234', '1qaz2wsx');
      expect(login.data!.login.mustChangePassword).toBe(true);
      expect((await reviewer.gql<{ me: { name: string } }>('{ me { name } }')).data!.me.name).toBe('赵六');
      expect(errorCode(await reviewer.gql('{ organisations(kind: "reviewer") { id } }'))).toBe('SB_ERR_PASSWORD_CHANGE_REQUIRED');
      expect(errorCode(await reviewer.gql('{ me { id } serverTime }'))).toBe('SB_ERR_PASSWORD_CHANGE_REQUIRED');
      const upload = await t.app.inject({ method: 'POST', url: '/api/files', headers: reviewer.headers(), payload: {} });
      expect(upload.json().error.code).toBe('SB_ERR_PASSWORD_CHANGE_REQUIRED');

      const weak = await reviewer.gql('mutation { changePassword(oldPassword: "1qaz2wsx", newPassword: "1qaz2wsx3edc") }');
      expect(errorCode(weak)).toBe('SB_ERR_VALIDATION');
      const changed = await reviewer.gql('mutation { changePassword(oldPassword: "1qaz2wsx", newPassword: "Review!2026") }');
      expect(changed.data).toEqual({ changePassword: true });
      expect(errorCode(await reviewer.gql('{ organisations(kind: "reviewer") { id } }'))).toBeUndefined();
      const [row] = await database().db.select().from(users).where(eq(users.mobile, '13700001234'));
      expect(row?.mustChangePassword).toBe(false);
    });
  });

  describe('importing the reviewer sheet', () => {
    const header = ['序号', '姓名', '手机号', '职务', '单位'];
    const sheetRows: (string | number)[][] = [
      header,
      [1, '钱一', 13700002001, '主任', '济南市科学技术协会'], // mobile typed as a number in Excel
      [2, '孙二', '13700002002', '科员', 'unit-qingdao'], // unit given by id
      [3, '李三', '1370000', '科员', '济南市科学技术协会'], // bad mobile
      [4, '周四', '13700002001', '科员', '济南市科学技术协会'], // repeats row 3's number (sheet row numbers count the title line)
      [5, '吴五', '13700002005', '科员', '不存在的单位'], // unknown unit
      [6, '赵六', '13700001234', '科长', '济南市科学技术协会'], // already has an account
    ];

    it('all-or-nothing: with bad rows nothing is written, and every row is reported', async () => {
      const fileId = await upload(admin, '附件1 账号申请表.xlsx', await xlsxBytes(sheetRows));
      const result = await admin.gql<{ importReviewers: Report }>(importMutation, { f: fileId, p: '1qaz2wsx', all: true });
      expect(result.errors).toBeUndefined();
      const report = result.data!.importReviewers;
      expect(report.committed).toBe(false);
      expect(report.rows.map((r) => [r.rowNumber, r.status])).toEqual([[3, 'not_imported'], [4, 'not_imported'], [5, 'error'], [6, 'error'], [7, 'error'], [8, 'not_imported']]);
      expect(report.rows[2]!.reasons[0]!.zh).toContain('手机号');
      expect(report.rows[3]!.reasons[0]!.en).toContain('repeats row 3');
      expect(report.rows[4]!.reasons[0]!.zh).toContain('未找到审核单位');
      expect(await t.app.services.accounts.findByMobile('13700002001')).toBeUndefined();
    });

    it('per row: good rows are created, existing accounts reported, bad rows explained (csv with BOM)', async () => {
      const csv = ['推荐单位审核账号申请表', ...sheetRows.map((r) => r.map((c) => `"${String(c)}"`).join(','))].join('\r\n');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
      const fileId = await upload(admin, 'reviewers.csv', bytes);
      const result = await admin.gql<{ importReviewers: Report }>(importMutation, { f: fileId, p: '1qaz2wsx', all: false });
      const report = result.data!.importReviewers;
      expect(report.committed).toBe(true);
      expect({ created: report.created, existing: report.existing, errors: report.errors }).toEqual({ created: 2, existing: 1, errors: 3 });
      expect(report.rows.map((r) => r.status)).toEqual(['created', 'created', 'error', 'error', 'error', 'exists']);
      expect(report.rows[1]!.organisationId).toBe('unit-qingdao');

      const imported = new TestClient(t.app);
      const login = await imported.login('13700002001', '1qaz2wsx');
      expect(login.data!.login.mustChangePassword).toBe(true);
      const adminUser = await t.app.services.accounts.findByMobile('13800000000');
      const importAudit = await database().db.select().from(auditEvents).where(and(eq(auditEvents.actorId, adminUser!.id), eq(auditEvents.action, 'account.import')));
      expect(importAudit.map((e) => e.result)).toEqual(['refused', 'ok']);
    });

    it('reads a GB18030 csv as Excel on Chinese Windows writes it', async () => {
      const { parseCsv, decodeText } = await import('../src/accounts/tabular-text.ts');
      // "姓名,手机号" in GB18030
      const gb = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5]);
      expect(parseCsv(decodeText(gb))).toEqual([['姓名', '手机号']]);
    });
  });
});
