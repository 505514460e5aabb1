/**
 * Configuration from environment variables, validated once at start. A bad value stops the process with one line
 * naming the variable (see cli/main.ts). Every variable is listed here and in the README's configuration table; a
 * test keeps the two in step.
 */
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  env: NodeEnv;
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** postgres://… to use a PostgreSQL server; undefined = the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  programmesDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  sessionRetentionDays: number;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  /** SMS codes one client address may have sent in any hour, and in any day (SMS bombing across many numbers). */
  smsCodesPerIpHour: number;
  smsCodesPerIpDay: number;
  graphqlMaxDepth: number;
  /** Shape limits checked before any resolver runs (http/graphql-limits.ts). */
  graphqlMaxTokens: number;
  graphqlMaxAliases: number;
  graphqlMaxDirectives: number;
  graphqlMaxCost: number;
  uploadMaxBytes: number;
  /** Upload quotas (files/file-limits.ts UploadQuota). */
  uploadUserFilesPerDay: number;
  uploadUserMbPerDay: number;
  uploadApplicationFiles: number;
  uploadApplicationMb: number;
  /** clamd's Unix socket; undefined = no ClamAV (only the EICAR test signature is checked). */
  clamavSocket: string | undefined;
  /** Where uploaded bytes live (files/create-file-store.ts): disk (one process), postgres or s3 (several). */
  fileStore: 'disk' | 'postgres' | 's3';
  s3: { endpoint: string | undefined; region: string; bucket: string | undefined; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean; prefix: string };
  chromiumPath: string | undefined;
  pdfPoolSize: number;
  seedDemo: boolean;
  cookieSecure: boolean;
  trustProxy: boolean;
  shutdownGraceSeconds: number;
}

/** A bad configuration value. `message` is the one line the CLI prints: variable, Chinese, then English. */
export class ConfigError extends Error {
  constructor(readonly variable: string, readonly zh: string, readonly en: string) {
    super(`配置项 ${variable} 不正确：${zh} / invalid configuration ${variable}: ${en}`);
    this.name = 'ConfigError';
  }
}

interface VariableSpec<T> {
  name: string;
  default: string | undefined;
  meaning: string;
  parse: (raw: string, name: string) => T;
}

const int = (min: number, max: number) => (raw: string, name: string): number => {
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(name, `应为 ${min} 到 ${max} 之间的整数，实际为 "${raw}"`, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `应在 ${min} 到 ${max} 之间，实际为 ${value}`, `must be from ${min} to ${max}, got ${value}`);
  return value;
};
const oneOf = <T extends string>(...choices: T[]) => (raw: string, name: string): T => {
  if (!(choices as string[]).includes(raw)) {
    throw new ConfigError(name, `应为 ${choices.join('、')} 之一，实际为 "${raw}"`, `must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
};
const bool = (raw: string, name: string): boolean => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `应为 true 或 false，实际为 "${raw}"`, `must be true or false, got "${raw}"`);
};
const text = (raw: string): string => raw;
const url = (protocols: string[]) => (raw: string, name: string): string => {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `应为网址（${protocols.join(' 或 ')}），实际为 "${redact(raw)}"`, `must be a URL (${protocols.join(' or ')}), got "${redact(raw)}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `应以 ${protocols.join(' 或 ')} 开头，实际为 "${parsed.protocol}"`, `must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw.replace(/\/$/, '');
};

/** Hide a password inside a URL before it reaches a message or a log. */
export function redact(raw: string): string {
  return raw.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}

export const configVariables = {
  NODE_ENV: { name: 'NODE_ENV', default: 'development', meaning: 'development, production or test; GraphiQL and introspection only in development', parse: oneOf<NodeEnv>('development', 'production', 'test') },
  HOST: { name: 'HOST', default: '0.0.0.0', meaning: 'address the server listens on', parse: text },
  PORT: { name: 'PORT', default: '3000', meaning: 'port the server listens on', parse: int(1, 65535) },
  PUBLIC_URL: { name: 'PUBLIC_URL', default: undefined, meaning: 'address users reach the platform at (printed in QR codes); unset = http://localhost:PORT', parse: url(['http:', 'https:']) },
  DATA_DIR: { name: 'DATA_DIR', default: './data', meaning: 'embedded database and uploaded files', parse: text },
  DATABASE_URL: { name: 'DATABASE_URL', default: undefined, meaning: 'postgres://… to use a PostgreSQL server instead of the embedded database', parse: url(['postgres:', 'postgresql:']) },
  PROGRAMMES_DIR: { name: 'PROGRAMMES_DIR', default: './programmes', meaning: 'folder of programme folders published at start', parse: text },
  LOG_LEVEL: { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent') },
  SESSION_IDLE_MINUTES: { name: 'SESSION_IDLE_MINUTES', default: '30', meaning: 'a session ends after this many idle minutes', parse: int(1, 24 * 60) },
  SESSION_ABSOLUTE_HOURS: { name: 'SESSION_ABSOLUTE_HOURS', default: '12', meaning: 'a session ends this many hours after login whatever happens', parse: int(1, 24 * 30) },
  SESSION_RETENTION_DAYS: { name: 'SESSION_RETENTION_DAYS', default: '30', meaning: 'days a finished session (with its IP address and browser) is kept before it is deleted', parse: int(1, 3650) },
  LOGIN_MAX_FAILURES: { name: 'LOGIN_MAX_FAILURES', default: '5', meaning: 'failed logins in a row before an account is locked', parse: int(1, 100) },
  LOGIN_LOCKOUT_MINUTES: { name: 'LOGIN_LOCKOUT_MINUTES', default: '15', meaning: 'how long a locked account stays locked', parse: int(1, 24 * 60) },
  SMS_CODES_PER_IP_HOUR: { name: 'SMS_CODES_PER_IP_HOUR', default: '20', meaning: 'SMS codes one client address may have sent in any hour, whatever the numbers (against SMS bombing; raise it if many users share one address)', parse: int(1, 100_000) },
  SMS_CODES_PER_IP_DAY: { name: 'SMS_CODES_PER_IP_DAY', default: '60', meaning: 'SMS codes one client address may have sent in any day; at least SMS_CODES_PER_IP_HOUR', parse: int(1, 1_000_000) },
  GRAPHQL_MAX_DEPTH: { name: 'GRAPHQL_MAX_DEPTH', default: '10', meaning: 'deepest GraphQL query accepted', parse: int(2, 50) },
  GRAPHQL_MAX_TOKENS: { name: 'GRAPHQL_MAX_TOKENS', default: '3000', meaning: 'most tokens (names, punctuation, values) one GraphQL document may have; parsing stops there', parse: int(100, 100_000) },
  GRAPHQL_MAX_ALIASES: { name: 'GRAPHQL_MAX_ALIASES', default: '15', meaning: 'most aliases one GraphQL operation may use (against one request asking the same field a thousand times)', parse: int(0, 1000) },
  GRAPHQL_MAX_DIRECTIVES: { name: 'GRAPHQL_MAX_DIRECTIVES', default: '20', meaning: 'most directives (@include, @skip …) one GraphQL operation may use', parse: int(0, 1000) },
  GRAPHQL_MAX_COST: { name: 'GRAPHQL_MAX_COST', default: '5000', meaning: 'highest estimated cost of one GraphQL operation (each field 1, each object 2, growing 1.5 times per level)', parse: int(100, 1_000_000) },
  UPLOAD_MAX_BYTES: { name: 'UPLOAD_MAX_BYTES', default: String(50 * 1024 * 1024), meaning: 'largest upload the server reads at all (fields set their own, smaller limits)', parse: int(1024, 1024 * 1024 * 1024) },
  UPLOAD_USER_FILES_PER_DAY: { name: 'UPLOAD_USER_FILES_PER_DAY', default: '300', meaning: 'files one user may upload in any 24 hours (distinct contents)', parse: int(1, 1_000_000) },
  UPLOAD_USER_MB_PER_DAY: { name: 'UPLOAD_USER_MB_PER_DAY', default: '2048', meaning: 'megabytes one user may upload in any 24 hours', parse: int(1, 10_000_000) },
  UPLOAD_APPLICATION_FILES: { name: 'UPLOAD_APPLICATION_FILES', default: '300', meaning: 'files one application may hold (uploads by its applicants and reviewers)', parse: int(1, 1_000_000) },
  UPLOAD_APPLICATION_MB: { name: 'UPLOAD_APPLICATION_MB', default: '2048', meaning: 'megabytes one application may hold', parse: int(1, 10_000_000) },
  CLAMAV_SOCKET: { name: 'CLAMAV_SOCKET', default: undefined, meaning: "ClamAV clamd's Unix socket (e.g. /run/clamav/clamd.ctl): every upload is scanned, and refused while clamd cannot be reached; unset = no virus scanner (said at start)", parse: text },
  FILE_STORE: { name: 'FILE_STORE', default: 'disk', meaning: 'where uploaded files live: disk (DATA_DIR/files, one process), postgres (in the database) or s3 (S3-compatible object storage); several processes need postgres or s3', parse: oneOf('disk', 'postgres', 's3') },
  S3_ENDPOINT: { name: 'S3_ENDPOINT', default: undefined, meaning: 'S3-compatible endpoint, e.g. http://minio:9000 (unset = AWS)', parse: url(['http:', 'https:']) },
  S3_REGION: { name: 'S3_REGION', default: 'us-east-1', meaning: 'S3 region (most gateways accept any)', parse: text },
  S3_BUCKET: { name: 'S3_BUCKET', default: undefined, meaning: 'bucket for uploaded files (required with FILE_STORE=s3)', parse: text },
  S3_PREFIX: { name: 'S3_PREFIX', default: undefined, meaning: 'key prefix inside the bucket, e.g. shenbao/', parse: text },
  S3_ACCESS_KEY_ID: { name: 'S3_ACCESS_KEY_ID', default: undefined, meaning: 'access key (unset = the SDK\'s usual sources)', parse: text },
  S3_SECRET_ACCESS_KEY: { name: 'S3_SECRET_ACCESS_KEY', default: undefined, meaning: 'secret key', parse: text },
  S3_FORCE_PATH_STYLE: { name: 'S3_FORCE_PATH_STYLE', default: 'true', meaning: 'path-style URLs (bucket in the path), as MinIO and most gateways need', parse: bool },
  CHROMIUM_PATH: { name: 'CHROMIUM_PATH', default: undefined, meaning: 'Chromium for PDFs; found automatically when unset', parse: text },
  PDF_POOL_SIZE: { name: 'PDF_POOL_SIZE', default: '2', meaning: 'Chromium pages rendering PDFs at once', parse: int(1, 16) },
  SEED_DEMO: { name: 'SEED_DEMO', default: 'false', meaning: 'create demo accounts and open every programme from now on (npm start sets it)', parse: bool },
  COOKIE_SECURE: { name: 'COOKIE_SECURE', default: 'false', meaning: 'mark session cookies Secure (set true behind HTTPS)', parse: bool },
  TRUST_PROXY: { name: 'TRUST_PROXY', default: 'false', meaning: 'take the client address from X-Forwarded-For (set true only behind a reverse proxy that sets it; otherwise clients could forge the address in the audit log)', parse: bool },
  SHUTDOWN_GRACE_SECONDS: { name: 'SHUTDOWN_GRACE_SECONDS', default: '10', meaning: 'on SIGTERM/SIGINT, seconds to finish open requests before the process exits anyway', parse: int(1, 600) },
} satisfies Record<string, VariableSpec<unknown>>;

type Env = Record<string, string | undefined>;

function read<T>(env: Env, spec: VariableSpec<T>): T | undefined {
  const raw = env[spec.name];
  const value = raw === undefined || raw === '' ? spec.default : raw;
  return value === undefined ? undefined : spec.parse(value, spec.name);
}

function required<T>(env: Env, spec: VariableSpec<T>): T {
  const value = read(env, spec);
  if (value === undefined) throw new ConfigError(spec.name, '必须设置', 'is required');
  return value;
}

/** Reads and validates the whole configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const v = configVariables;
  const smsCodesPerIpHour = required(env, v.SMS_CODES_PER_IP_HOUR);
  const smsCodesPerIpDay = required(env, v.SMS_CODES_PER_IP_DAY);
  // A daily limit below the hourly one would silently make the hourly one meaningless: say so at start instead.
  if (smsCodesPerIpDay < smsCodesPerIpHour) {
    throw new ConfigError(
      v.SMS_CODES_PER_IP_DAY.name,
      `不应小于 SMS_CODES_PER_IP_HOUR（${smsCodesPerIpHour}），实际为 ${smsCodesPerIpDay}`,
      `must be at least SMS_CODES_PER_IP_HOUR (${smsCodesPerIpHour}), got ${smsCodesPerIpDay}`,
    );
  }
  const fileStore = required(env, v.FILE_STORE);
  const s3Bucket = read(env, v.S3_BUCKET);
  if (fileStore === 's3' && !s3Bucket) throw new ConfigError(v.S3_BUCKET.name, 'FILE_STORE=s3 时必须设置', 'is required with FILE_STORE=s3');
  const port = required(env, v.PORT);
  return {
    env: required(env, v.NODE_ENV),
    host: required(env, v.HOST),
    port,
    // Unset: this process's own address, so QR codes carry the port it really listens on.
    publicUrl: read(env, v.PUBLIC_URL) ?? `http://localhost:${port}`,
    dataDir: path.resolve(cwd, required(env, v.DATA_DIR)),
    databaseUrl: read(env, v.DATABASE_URL),
    programmesDir: path.resolve(cwd, required(env, v.PROGRAMMES_DIR)),
    logLevel: required(env, v.LOG_LEVEL),
    sessionIdleMinutes: required(env, v.SESSION_IDLE_MINUTES),
    sessionAbsoluteHours: required(env, v.SESSION_ABSOLUTE_HOURS),
    sessionRetentionDays: required(env, v.SESSION_RETENTION_DAYS),
    loginMaxFailures: required(env, v.LOGIN_MAX_FAILURES),
    loginLockoutMinutes: required(env, v.LOGIN_LOCKOUT_MINUTES),
    smsCodesPerIpHour,
    smsCodesPerIpDay,
    graphqlMaxDepth: required(env, v.GRAPHQL_MAX_DEPTH),
    graphqlMaxTokens: required(env, v.GRAPHQL_MAX_TOKENS),
    graphqlMaxAliases: required(env, v.GRAPHQL_MAX_ALIASES),
    graphqlMaxDirectives: required(env, v.GRAPHQL_MAX_DIRECTIVES),
    graphqlMaxCost: required(env, v.GRAPHQL_MAX_COST),
    uploadMaxBytes: required(env, v.UPLOAD_MAX_BYTES),
    uploadUserFilesPerDay: required(env, v.UPLOAD_USER_FILES_PER_DAY),
    uploadUserMbPerDay: required(env, v.UPLOAD_USER_MB_PER_DAY),
    uploadApplicationFiles: required(env, v.UPLOAD_APPLICATION_FILES),
    uploadApplicationMb: required(env, v.UPLOAD_APPLICATION_MB),
    clamavSocket: read(env, v.CLAMAV_SOCKET),
    fileStore,
    s3: {
      endpoint: read(env, v.S3_ENDPOINT), region: required(env, v.S3_REGION), bucket: s3Bucket,
      accessKeyId: read(env, v.S3_ACCESS_KEY_ID), secretAccessKey: read(env, v.S3_SECRET_ACCESS_KEY),
      forcePathStyle: required(env, v.S3_FORCE_PATH_STYLE), prefix: read(env, v.S3_PREFIX) ?? '',
    },
    chromiumPath: read(env, v.CHROMIUM_PATH),
    pdfPoolSize: required(env, v.PDF_POOL_SIZE),
    seedDemo: required(env, v.SEED_DEMO),
    cookieSecure: required(env, v.COOKIE_SECURE),
    trustProxy: required(env, v.TRUST_PROXY),
    shutdownGraceSeconds: required(env, v.SHUTDOWN_GRACE_SECONDS),
  };
}
