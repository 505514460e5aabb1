/**
 * The one error registry. Every error a user or API client can meet has a stable `SB_ERR_*` code, an HTTP
 * status and a Chinese and an English message. docs/errors.md lists the same codes; a test keeps them in step.
 * Messages may hold `{name}` placeholders filled from `params`.
 */
export interface ErrorDefinition {
  status: number;
  zh: string;
  en: string;
}

export const errorRegistry = {
  SB_ERR_INTERNAL: { status: 500, zh: '系统内部错误，请稍后再试', en: 'Internal error, please try again later' },
  SB_ERR_BAD_REQUEST: { status: 400, zh: '请求格式不正确：{detail}', en: 'Malformed request: {detail}' },
  SB_ERR_CONFIG: { status: 500, zh: '配置项 {name} 不正确：{detail}', en: 'Configuration variable {name} is invalid: {detail}' },
  SB_ERR_NOT_FOUND: { status: 404, zh: '{what}不存在', en: '{what} not found' },
  SB_ERR_UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first' },
  SB_ERR_SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired, please log in again' },
  SB_ERR_FORBIDDEN: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  SB_ERR_VALIDATION: { status: 422, zh: '填写内容有误，请按提示修改', en: 'Some entries are invalid; please correct them as indicated' },
  SB_ERR_CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'This was changed meanwhile; reload and try again' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorRegistry;

/** An error meant for the user: its code decides status and wording; `details` carries field errors etc. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly zh: string;
  readonly en: string;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown) {
    const definition: ErrorDefinition = errorRegistry[code];
    const zh = fill(definition.zh, params);
    const en = fill(definition.en, params);
    super(`${code}: ${en}`);
    this.name = 'AppError';
    this.code = code;
    this.status = definition.status;
    this.zh = zh;
    this.en = en;
    this.params = params;
    this.details = details;
  }

  /** The shape every API answer carries for an error (GraphQL `extensions`, REST body). */
  toJSON(): { code: ErrorCode; status: number; message: { zh: string; en: string }; details?: unknown } {
    return {
      code: this.code,
      status: this.status,
      message: { zh: this.zh, en: this.en },
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
