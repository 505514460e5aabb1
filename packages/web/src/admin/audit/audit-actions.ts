/**
 * Readable names of the audit log's action codes (the dotted verbs the server records). The log shows the name and
 * keeps the code on hover and in the filter, where an administrator may still type it. A code not listed here (a
 * newer server) is shown as it is.
 */
const actions: Record<string, { zh: string; en: string }> = {
  'auth.login': { zh: '登录', en: 'Login' },
  'auth.login_failed': { zh: '登录失败', en: 'Failed login' },
  'auth.login_refused': { zh: '拒绝登录', en: 'Login refused' },
  'auth.locked': { zh: '账号锁定', en: 'Account locked' },
  'auth.logout': { zh: '退出登录', en: 'Logout' },
  'auth.password_change': { zh: '修改密码', en: 'Password change' },
  'auth.code_throttled': { zh: '验证码发送受限', en: 'Code sending throttled' },
  'access.denied': { zh: '拒绝访问', en: 'Access denied' },
  'account.created': { zh: '创建账号', en: 'Account created' },
  'account.registered': { zh: '注册账号', en: 'Account registered' },
  'account.import': { zh: '导入账号', en: 'Accounts imported' },
  'account.seeded': { zh: '初始化账号', en: 'Account seeded' },
  'organisation.created': { zh: '新增单位', en: 'Organisation created' },
  'organisation.updated': { zh: '修改单位', en: 'Organisation changed' },
  'programme.publish': { zh: '发布项目版本', en: 'Programme version published' },
  'programme.window_changed': { zh: '调整申报时间', en: 'Window moved' },
  'deadline.moved': { zh: '调整审核期限', en: 'Review deadline moved' },
  'export.download': { zh: '下载汇总表', en: 'Summary table downloaded' },
  'application.draft_deleted': { zh: '删除申报草稿', en: 'Draft application deleted' },
};

const subjects: Record<string, { zh: string; en: string }> = {
  user: { zh: '用户', en: 'User' },
  programme: { zh: '申报项目', en: 'Programme' },
  organisation: { zh: '单位', en: 'Organisation' },
  application: { zh: '申报', en: 'Application' },
};

export function auditActionLabel(action: string): { zh: string; en: string } {
  return actions[action] ?? { zh: action, en: action };
}

export function auditSubjectLabel(subjectType: string): { zh: string; en: string } {
  return subjects[subjectType] ?? { zh: subjectType, en: subjectType };
}

/** The known codes with their names, for the action filter. */
export function auditActionCodes(): string[] {
  return Object.keys(actions);
}
