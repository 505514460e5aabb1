/**
 * The one error registry of the platform. Every error a user, an API client or an operator can meet has a stable
 * `SB_ERR_*` code, an HTTP status and a Chinese and an English message; the engine's refusals, the server's API
 * errors and the browser's own failures all take their words from here. docs/errors.md lists the same codes and a
 * test keeps the two in step. Messages may hold `{name}` placeholders filled from `params`. (Problems found in a
 * programme folder are `SB_CHECK_*` codes, listed in docs/programme-format.md.)
 */
export interface ErrorDefinition {
  status: number;
  zh: string;
  en: string;
}

export const errorRegistry = {
  SB_ERR_INTERNAL: { status: 500, zh: '系统内部错误，请稍后再试', en: 'Internal error, please try again later' },
  SB_ERR_DATABASE_UNAVAILABLE: { status: 503, zh: '数据库暂时无法连接，您的操作未执行，请稍后重试', en: 'The database cannot be reached right now; nothing was changed, please try again shortly' },
  SB_ERR_BAD_REQUEST: { status: 400, zh: '请求格式不正确：{detail}', en: 'Malformed request: {detail}' },
  SB_ERR_CONFIG: { status: 500, zh: '配置项 {name} 不正确：{detail}', en: 'Configuration variable {name} is invalid: {detail}' },
  SB_ERR_NOT_FOUND: { status: 404, zh: '{what}不存在', en: '{what} not found' },
  SB_ERR_UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in first' },
  SB_ERR_SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired, please log in again' },
  SB_ERR_FORBIDDEN: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  SB_ERR_VALIDATION: { status: 422, zh: '填写内容有误，请按提示修改', en: 'Some entries are invalid; please correct them as indicated' },
  // Requests refused before any resolver runs (server http/): wrong method or body, GraphQL shape limits.
  SB_ERR_METHOD_NOT_ALLOWED: { status: 405, zh: 'GraphQL 修改操作须用 POST 发送', en: 'GraphQL mutations must be sent with POST' },
  SB_ERR_INVALID_JSON: { status: 400, zh: '请求内容不是正确的 JSON', en: 'The request body is not valid JSON' },
  SB_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的请求内容类型，请以 application/json 发送', en: 'Unsupported request content type; send application/json' },
  SB_ERR_BODY_TOO_LARGE: { status: 413, zh: '请求内容超过 {limitMb} MB', en: 'The request body is larger than {limitMb} MB' },
  SB_ERR_GRAPHQL_TOO_MANY_TOKENS: { status: 400, zh: '查询过长：最多 {limit} 个词法单元', en: 'The query is too long: at most {limit} tokens' },
  SB_ERR_GRAPHQL_TOO_DEEP: { status: 400, zh: '查询嵌套过深：最多 {limit} 层', en: 'The query is nested too deeply: at most {limit} levels' },
  SB_ERR_GRAPHQL_TOO_MANY_ALIASES: { status: 400, zh: '查询使用的别名过多：最多 {limit} 个，实际 {found} 个', en: 'The query uses too many aliases: at most {limit}, found {found}' },
  SB_ERR_GRAPHQL_TOO_MANY_DIRECTIVES: { status: 400, zh: '查询使用的指令过多：最多 {limit} 个，实际 {found} 个', en: 'The query uses too many directives: at most {limit}, found {found}' },
  SB_ERR_GRAPHQL_TOO_COSTLY: { status: 400, zh: '查询过于复杂：估算成本 {found}，上限 {limit}', en: 'The query is too costly: estimated cost {found}, limit {limit}' },
  SB_ERR_CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'This was changed meanwhile; reload and try again' },
  SB_ERR_WINDOW_NOT_OPEN: { status: 409, zh: '{window}尚未开始，开始时间：{opens}', en: '{window} has not opened yet; it opens at {opens}' },
  SB_ERR_WINDOW_CLOSED: { status: 409, zh: '{window}已于 {closes} 截止，不能再提交', en: '{window} closed at {closes}; submissions are no longer accepted' },
  SB_ERR_NOT_EDITABLE: { status: 409, zh: '申报材料已提交或已锁定，当前不能修改', en: 'The application has been submitted or frozen and cannot be edited now' },
  SB_ERR_ALREADY_SUBMITTED: { status: 409, zh: '申报已提交，请勿重复提交', en: 'The application has already been submitted' },
  SB_ERR_NOT_DELETABLE: { status: 409, zh: '只能删除从未提交过的草稿；已提交过的申报会保留记录', en: 'Only a draft that was never submitted can be deleted; submitted applications stay on record' },
  SB_ERR_NOT_WITHDRAWABLE: { status: 409, zh: '审核单位已开始处理，不能撤回', en: 'The reviewing unit has already acted; the application can no longer be withdrawn' },
  SB_ERR_REASON_REQUIRED: { status: 422, zh: '退回时必须填写退回原因', en: 'A reason is required when returning an application' },
  SB_ERR_OUTCOME_NOT_ALLOWED: { status: 422, zh: '此环节不能执行“{outcome}”操作', en: 'The action "{outcome}" is not available at this step' },
  SB_ERR_STAMPED_SCAN_REQUIRED: { status: 409, zh: '请先上传与最新打印版本（{print}）一致的盖章扫描件', en: 'Upload the stamped scan of the latest printed version ({print}) first' },
  // Prints (prints/)
  SB_ERR_PRINT_VERSION_UNKNOWN: { status: 404, zh: '版本号 {version} 不存在，请核对纸质材料上的版本号', en: 'Version {version} does not exist; check the version printed on the paper' },
  SB_ERR_PRINT_NOT_YET: { status: 409, zh: '申报单位尚未打印《{print}》，审核单位只能查看申报单位打印的版本', en: 'The applicant has not printed "{print}" yet; reviewers can only open the version the applicant printed' },
  SB_ERR_STAMPED_SCAN_MISMATCH: { status: 422, zh: '版本号 {version} 不是本申报《{print}》的打印版本，或扫描件不是为本申报上传的', en: 'Version {version} is not a print of "{print}" for this application, or the scan was not uploaded for it' },
  SB_ERR_ALREADY_REPORTED: { status: 409, zh: '本单位已上报过，上报只有一次机会', en: 'Your unit has already reported; reporting is allowed only once' },
  SB_ERR_REPORT_TASK_NOT_OPEN: { status: 409, zh: '本单位在该项目中没有待上报的环节“{task}”', en: 'Your unit has no open report step "{task}" in this programme' },
  SB_ERR_QUOTA_EXCEEDED: { status: 409, zh: '超出推荐名额：本单位最多推荐 {quota} 个', en: 'Over quota: your unit may recommend at most {quota}' },
  // Accounts and sessions (auth/, accounts/, sms/)
  SB_ERR_LOGIN_FAILED: { status: 401, zh: '手机号或密码不正确', en: 'Mobile number or password is incorrect' },
  SB_ERR_ACCOUNT_LOCKED: { status: 423, zh: '账号已锁定，请于 {until} 后重试', en: 'The account is locked; try again after {until}' },
  SB_ERR_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled; please contact the administrator' },
  SB_ERR_PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改初始密码', en: 'Please change your initial password before continuing' },
  SB_ERR_MOBILE_TAKEN: { status: 409, zh: '手机号 {mobile} 已注册，请直接登录', en: 'Mobile number {mobile} is already registered; please log in' },
  SB_ERR_VERIFICATION_CODE_INVALID: { status: 400, zh: '验证码不正确或已失效，请重新获取', en: 'The verification code is wrong or no longer valid; request a new one' },
  SB_ERR_VERIFICATION_CODE_THROTTLED: { status: 429, zh: '验证码发送过于频繁，请 {seconds} 秒后再试', en: 'Codes are being requested too often; try again in {seconds} seconds' },
  // Files (files/)
  SB_ERR_FILE_CONTENT_MISSING: { status: 410, zh: '文件内容不在存储中（可能存储配置有误），请联系管理员', en: 'The file content is not in the file store (the storage may be misconfigured); please contact the administrator' },
  SB_ERR_FILE_TOO_LARGE: { status: 413, zh: '文件超过 {limitMb} MB，请压缩后再上传', en: 'The file is larger than {limitMb} MB; please reduce it and upload again' },
  SB_ERR_FILE_TYPE_NOT_ACCEPTED: { status: 415, zh: '文件内容为 {found} 格式，此处只接受 {accepted}', en: 'The file content is {found}; only {accepted} is accepted here' },
  SB_ERR_FILE_EMPTY: { status: 400, zh: '文件是空的，请重新选择', en: 'The file is empty; please choose another' },
  SB_ERR_UPLOAD_MALFORMED: { status: 400, zh: '上传内容不完整或无法读取，请重新上传', en: 'The upload was incomplete or unreadable; please upload again' },
  SB_ERR_UPLOAD_PURPOSE_UNKNOWN: { status: 422, zh: '不支持的文件用途“{purpose}”', en: 'Unknown upload purpose "{purpose}"' },
  SB_ERR_UPLOAD_QUOTA_USER: { status: 429, zh: '您 24 小时内已上传 {files} 个文件、共 {usedMb} MB，已达上限（{limitFiles} 个、{limitMb} MB），请稍后再试', en: 'You uploaded {files} files ({usedMb} MB) in the last 24 hours, the limit ({limitFiles} files, {limitMb} MB); please try again later' },
  SB_ERR_UPLOAD_QUOTA_APPLICATION: { status: 409, zh: '本申报的附件已达上限（{limitFiles} 个、共 {limitMb} MB），不能再上传', en: 'This application holds the most attachments allowed ({limitFiles} files, {limitMb} MB in all); no more can be uploaded' },
  SB_ERR_FILE_ACTIVE_CONTENT: { status: 422, zh: 'PDF 文件含有可执行内容（{found}），请用“打印为 PDF”另存为普通 PDF 后再上传', en: 'The PDF contains active content ({found}); save it as a plain PDF (e.g. "Print to PDF") and upload again' },
  SB_ERR_FILE_INFECTED: { status: 422, zh: '文件未通过病毒检查（{signature}），已拒收', en: 'The file failed the virus scan ({signature}) and was refused' },
  SB_ERR_SCANNER_UNAVAILABLE: { status: 503, zh: '病毒检查服务暂不可用，请稍后再上传', en: 'The virus scanner is unavailable; please upload again later' },
  // Reviewer import (accounts/)
  SB_ERR_IMPORT_SHEET_UNREADABLE: { status: 422, zh: '无法读取名单文件：{detail}', en: 'The list could not be read: {detail}' },
  // Programme publishing and exports (programmes/admin*, exports/)
  SB_ERR_PROGRAMME_ZIP_UNREADABLE: { status: 422, zh: '无法读取上传的压缩包，请上传 zip 格式的申报项目文件夹', en: 'The uploaded archive cannot be read; upload the programme folder as a zip file' },
  SB_ERR_PROGRAMME_ZIP_TOO_LARGE: { status: 413, zh: '压缩包解压后超过限制（最多 {maxFiles} 个文件、共 {limitMb} MB）', en: 'The archive unpacks beyond the limits (at most {maxFiles} files, {limitMb} MB in all)' },
  SB_ERR_PROGRAMME_ZIP_UNSAFE_PATH: { status: 422, zh: '压缩包中的路径“{path}”不安全（不能是绝对路径或跳出文件夹）', en: 'The archive path "{path}" is unsafe (absolute, or escaping the folder)' },
  SB_ERR_PROGRAMME_ZIP_NO_MANIFEST: { status: 422, zh: '压缩包中没有 programme.json（最多可嵌套一层文件夹）', en: 'The archive holds no programme.json (at most one folder level deep)' },
  SB_ERR_PROGRAMME_ZIP_WRONG_FILE: { status: 422, zh: '该文件不是为发布申报项目而上传的压缩包', en: 'This file was not uploaded as a programme zip' },
  // The flow engine: refusals the API maps onto the codes above, and faults of a programme's flow (a bug in the
  // folder that `check` should have caught) which users only ever see as SB_ERR_INTERNAL.
  SB_ERR_TASK_NOT_OPEN: { status: 409, zh: '任务 {taskId} 不在待办中（可能已被处理）', en: 'Task {taskId} is not open (it may have been handled already)' },
  SB_ERR_TIMER_NOT_PENDING: { status: 409, zh: '定时器 {timerId} 不存在或已触发', en: 'Timer {timerId} is not pending (it may have fired already)' },
  SB_ERR_FLOW_FINISHED: { status: 409, zh: '流程已结束', en: 'The flow has already finished' },
  SB_ERR_FLOW_XML: { status: 500, zh: '流程文件不是有效的 BPMN：{detail}', en: 'The flow file is not valid BPMN: {detail}' },
  SB_ERR_FLOW_NO_PROCESS: { status: 500, zh: '流程文件中没有可执行的流程', en: 'The flow file has no executable process' },
  SB_ERR_FLOW_INVALID: { status: 500, zh: '流程元素 {element} 有误：{detail}', en: 'Flow element {element} is wrong: {detail}' },
  SB_ERR_STATE_INVALID: { status: 500, zh: '流程状态数据无效', en: 'The saved flow state is not valid' },
  SB_ERR_EXPRESSION: { status: 500, zh: '表达式 {expr} 求值失败：{detail}', en: 'Expression {expr} failed: {detail}' },
  SB_ERR_ENGINE: { status: 500, zh: '流程执行出错：{detail}', en: 'The flow failed: {detail}' },
  // PDF rendering.
  SB_ERR_PDF_NO_CHROMIUM: { status: 503, zh: '找不到用于生成 PDF 的 Chromium：{detail}', en: 'No Chromium found to render PDFs: {detail}' },
  SB_ERR_PDF_CLOSED: { status: 503, zh: 'PDF 生成服务正在关闭，请稍后再试', en: 'The PDF renderer is shutting down; please try again later' },
  SB_ERR_PDF_RENDER: { status: 500, zh: '生成 PDF 失败：{detail}', en: 'Rendering the PDF failed: {detail}' },
  SB_ERR_PDF_BAD_OPTIONS: { status: 500, zh: 'PDF 生成参数不正确：{detail}', en: 'Invalid PDF rendering options: {detail}' },
  // Seen only in the browser, when no usable answer came (the status is what a gateway would have said).
  SB_ERR_NETWORK: { status: 503, zh: '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' },
  SB_ERR_BAD_RESPONSE: { status: 502, zh: '服务器返回了无法识别的内容，请稍后再试', en: 'The server sent an answer that could not be read; try again later' },
  SB_ERR_ABORTED: { status: 499, zh: '请求已取消', en: 'The request was cancelled' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorRegistry;

/** A registry message with its `{placeholders}` filled. */
export function errorMessage(code: ErrorCode, params: Record<string, string | number> = {}): { zh: string; en: string } {
  const definition: ErrorDefinition = errorRegistry[code];
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
  return { zh: fill(definition.zh), en: fill(definition.en) };
}
