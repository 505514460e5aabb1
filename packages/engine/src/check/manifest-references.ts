import { followPath } from '../format/schema-paths.ts';
import type { Programme } from '../format/types.ts';
import { problem, type Problem } from '../problem.ts';

/**
 * Cross-references inside programme.json that its meta-schema cannot express: unique ids,
 * roles that exist, windows in order, prints and fields that exist.
 */
export function checkManifestReferences(programme: Programme): Problem[] {
  const m = programme.manifest;
  const found: Problem[] = [];
  const at = (pointer: string, code: string, zh: string, en: string) => found.push(problem('programme.json', code, { zh, en }, { pointer }));

  const duplicates = (list: Array<{ id: string }>, pointer: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) at(`${pointer}/${i}/id`, 'SB_CHECK_DUPLICATE_ID', `${what} id “${item.id}”重复`, `Duplicate ${what} id "${item.id}"`);
      seen.add(item.id);
    });
  };
  duplicates(m.sections, '/sections', '表单部分 section');
  duplicates(m.taskForms ?? [], '/taskForms', '审核表单 task form');
  duplicates(m.rules ?? [], '/rules', '规则 rule');
  duplicates(m.prints ?? [], '/prints', '打印 print');
  duplicates(m.exports ?? [], '/exports', '导出 export');
  duplicates(m.organisations?.categories ?? [], '/organisations/categories', '单位类别 category');
  duplicates(m.organisations?.units ?? [], '/organisations/units', '单位 unit');

  // Section ids are root names in expressions; they must not hide the built-in ones.
  m.sections.forEach((s, i) => {
    if (['application', 'windows', 'root', 'rank', 'organisations', 'outcomes'].includes(s.id)) {
      at(`/sections/${i}/id`, 'SB_CHECK_RESERVED_NAME', `表单部分不能命名为“${s.id}”（表达式保留名）`, `A section cannot be called "${s.id}" (reserved in expressions)`);
    }
  });

  if (!(m.applyWindow in m.windows)) {
    at('/applyWindow', 'SB_CHECK_UNKNOWN_WINDOW', `申报时段“${m.applyWindow}”不在 windows 中`, `applyWindow "${m.applyWindow}" is not a key of windows`);
  }
  // Window order is judged as instants in manifest-meaning.ts (a bare closing date ends its day).

  const roleIds = new Set(Object.keys(m.roles));
  if (![...Object.values(m.roles)].some((r) => r.kind === 'applicant')) {
    at('/roles', 'SB_CHECK_NO_APPLICANT_ROLE', '没有申报人角色（kind: applicant）', 'No role has kind "applicant"');
  }
  const categoryIds = new Set((m.organisations?.categories ?? []).map((c) => c.id));
  (m.organisations?.categories ?? []).forEach((c, i) => {
    if (!roleIds.has(c.role)) at(`/organisations/categories/${i}/role`, 'SB_CHECK_UNKNOWN_ROLE', `单位类别“${c.id}”的角色“${c.role}”未声明`, `Category "${c.id}" names undeclared role "${c.role}"`);
  });
  (m.organisations?.units ?? []).forEach((u, i) => {
    if (!categoryIds.has(u.category)) at(`/organisations/units/${i}/category`, 'SB_CHECK_UNKNOWN_CATEGORY', `单位“${u.id}”的类别“${u.category}”不存在`, `Unit "${u.id}" names unknown category "${u.category}"`);
  });

  const printIds = new Map((m.prints ?? []).map((p) => [p.id, p]));
  (m.prints ?? []).forEach((p, i) => p.roles.forEach((role, j) => {
    if (!roleIds.has(role)) at(`/prints/${i}/roles/${j}`, 'SB_CHECK_UNKNOWN_ROLE', `打印“${p.id}”的角色“${role}”未声明`, `Print "${p.id}" names undeclared role "${role}"`);
  }));
  const taskFormIds = new Set((m.taskForms ?? []).map((f) => f.id));
  (m.prints ?? []).forEach((p, i) => {
    if (p.taskForm !== undefined && !taskFormIds.has(p.taskForm)) {
      at(`/prints/${i}/taskForm`, 'SB_CHECK_UNKNOWN_TASK_FORM', `打印“${p.id}”的审核表单“${p.taskForm}”不存在`, `Print "${p.id}" names unknown task form "${p.taskForm}"`);
    }
  });
  (m.exports ?? []).forEach((e, i) => e.roles.forEach((role, j) => {
    if (!roleIds.has(role)) at(`/exports/${i}/roles/${j}`, 'SB_CHECK_UNKNOWN_ROLE', `导出“${e.id}”的角色“${role}”未声明`, `Export "${e.id}" names undeclared role "${role}"`);
  }));
  for (const key of ['requireStampedScan', 'commitment'] as const) {
    const printId = m.submit?.[key];
    if (printId === undefined) continue;
    const print = printIds.get(printId);
    if (!print) at(`/submit/${key}`, 'SB_CHECK_UNKNOWN_PRINT', `提交要求中的打印“${printId}”不存在`, `submit.${key} names unknown print "${printId}"`);
    else if (key === 'requireStampedScan' && !print.stampedScan) {
      at(`/submit/${key}`, 'SB_CHECK_PRINT_NOT_STAMPED', `打印“${printId}”未设置 stampedScan，无法要求上传盖章扫描件`, `Print "${printId}" has no stampedScan, so its scan cannot be required`);
    }
  }

  // Rule fields point into the application: /<section>/<field>…
  const sections = new Map(programme.sections.map((s) => [s.ref.id, s.schema]));
  (m.rules ?? []).forEach((rule, i) => (rule.fields ?? []).forEach((pointer, j) => {
    const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).filter((s) => !/^\d+$/.test(s));
    const schema = sections.get(segments[0] ?? '');
    const exists = schema ? followPath(schema, segments.slice(1), schema).kind !== 'missing' : false;
    if (!exists) at(`/rules/${i}/fields/${j}`, 'SB_CHECK_UNKNOWN_FIELD', `规则“${rule.id}”指向不存在的字段 ${pointer}`, `Rule "${rule.id}" points at ${pointer}, which does not exist`);
  }));
  return found;
}
