#!/usr/bin/env node
/**
 * `npm start` and `npm test` on a fresh checkout. Plain Node with no dependencies, because it runs before anything
 * is installed: it finds the pnpm version pinned in package.json ("packageManager"), installs the workspace when the
 * lockfile changed, then
 *   start: builds the web app and runs the server with the demo accounts (SEED_DEMO=true);
 *   test:  checks the system tools the tests need (Chromium, CJK fonts, pdftotext), then typecheck, lint, the import
 *          rules (no cycles, server layers), vitest.
 * Every step is announced on one line in Chinese and English; the first failure stops the run with its exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const installStamp = path.join(root, 'node_modules', '.shenbao-install-stamp');

function step(zh, en) {
  console.log(`\n▶ ${zh} / ${en}`);
}

function note(zh, en) {
  console.log(`  ${zh} / ${en}`);
}

function fail(zh, en, code = 1) {
  console.error(`✗ ${zh} / ${en}`);
  process.exit(code);
}

/** Runs a command in the repository with inherited output; stops the whole run with its exit code on failure. */
function run(command, args, { env = process.env, what } = {}) {
  const result = spawnSync(command[0], [...command.slice(1), ...args], { cwd: root, stdio: 'inherit', env });
  if (result.error) fail(`无法运行 ${command[0]}`, `cannot run ${command[0]}: ${result.error.message}`);
  if (result.status !== 0) {
    const code = result.status ?? 1;
    fail(`${what.zh}失败（退出码 ${code}）`, `${what.en} failed (exit code ${code})`, code);
  }
}

function quietOutput(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`需要 Node.js 20 或更高版本（当前 ${process.version}）`, `Node.js 20 or newer is required (this is ${process.version})`);
}

/** The exact pnpm the repository pins, found the cheapest way: already on PATH, via corepack, or via npx. */
function findPnpm() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? '');
  if (!match) fail('package.json 缺少 packageManager: "pnpm@x.y.z"', 'package.json lacks packageManager: "pnpm@x.y.z"');
  const version = match[1];
  if (quietOutput('pnpm', ['--version']) === version) return { command: ['pnpm'], version };
  // corepack reads the pin from package.json; `corepack pnpm` works without `corepack enable` (no root needed).
  const corepackEnv = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' };
  if (quietOutput('corepack', ['pnpm', '--version'], corepackEnv) === version) return { command: ['corepack', 'pnpm'], version, env: corepackEnv };
  if (quietOutput('npx', ['--yes', `pnpm@${version}`, '--version']) === version) return { command: ['npx', '--yes', `pnpm@${version}`], version };
  fail(`找不到 pnpm ${version}（corepack 和 npx 都不可用）`, `cannot get pnpm ${version}: install it with "npm install -g pnpm@${version}"`);
}

/** Everything that decides what `pnpm install` would do; when it is unchanged since the last install we skip it. */
function installFingerprint(pnpmVersion) {
  const hash = createHash('sha256').update(`${process.version}\n${pnpmVersion}\n`);
  const manifests = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json'];
  for (const dir of fs.readdirSync(path.join(root, 'packages')).sort()) manifests.push(path.join('packages', dir, 'package.json'));
  for (const file of manifests) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) hash.update(`${file}\n`).update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

function install(pnpm) {
  const fingerprint = installFingerprint(pnpm.version);
  const installed = fs.existsSync(installStamp) && fs.readFileSync(installStamp, 'utf8') === fingerprint;
  if (installed) {
    note('依赖已是最新，跳过安装', 'dependencies are up to date, skipping install');
    return;
  }
  step('安装依赖（pnpm install --frozen-lockfile）', 'installing dependencies (pnpm install --frozen-lockfile)');
  run(pnpm.command, ['install', '--frozen-lockfile'], { env: pnpm.env, what: { zh: '安装依赖', en: 'install' } });
  fs.writeFileSync(installStamp, fingerprint);
}

function newestChange(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildWeb(pnpm) {
  const webDir = path.join(root, 'packages', 'web');
  const manifest = JSON.parse(fs.readFileSync(path.join(webDir, 'package.json'), 'utf8'));
  if (!manifest.scripts?.build) {
    note('前端尚无 build 脚本，跳过构建', 'the web app has no build script yet, skipping the build');
    return;
  }
  const builtIndex = path.join(webDir, 'dist', 'index.html');
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(newestChange(webDir), newestChange(path.join(root, 'packages', 'engine', 'src')), fs.statSync(path.join(root, 'pnpm-lock.yaml')).mtimeMs);
  if (builtAt > sourcesAt) {
    note('前端已是最新构建，跳过', 'the web app build is up to date, skipping');
    return;
  }
  step('构建前端（vite build）', 'building the web app (vite build)');
  run(pnpm.command, ['--filter', '@shenbao/web', 'build'], { env: pnpm.env, what: { zh: '构建前端', en: 'web build' } });
}

/**
 * Runs `shenbao serve` as one node process (tsx as a loader) rather than through `pnpm shenbao serve`: pnpm does not
 * pass SIGTERM on, which would leave an orphaned server holding the embedded database. The child gets its own
 * process group so a Ctrl-C reaches it exactly once, through us.
 */
function serve() {
  step('启动服务器（含演示账号）', 'starting the server with the demo accounts');
  // Warnings and errors only on the console by default: the bilingual start-up lines stay readable (LOG_LEVEL=info for request logs).
  const env = { ...process.env, SEED_DEMO: process.env.SEED_DEMO ?? 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'serve'], { cwd: root, env, stdio: 'inherit', detached: true });
  let lastForward = 0;
  const forward = (signal) => {
    // npm and the terminal may both deliver the same Ctrl-C; pass it on once so the server can close gracefully.
    // A signal well after the first is the user insisting: passed on, the server then exits at once.
    if (Date.now() - lastForward < 1000) return;
    lastForward = Date.now();
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  // `kill <npm pid>` ends npm and its shell but not us: when our parent is gone and nobody signalled us, stop the
  // server as if told to.
  const parent = process.ppid;
  const watchParent = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watchParent);
    if (lastForward === 0) forward('SIGTERM');
  }, 1000);
  watchParent.unref();
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
}

function chromiumPath() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => p && fs.existsSync(p));
}

/** The system tools the print and browser tests need, each with the Debian package that provides it. */
function missingSystemTools() {
  const missing = [];
  if (!chromiumPath()) missing.push({ what: 'Chromium', pkg: 'chromium' });
  if (!quietOutput('fc-list', [':lang=zh'])) missing.push({ what: 'CJK fonts (fc-list :lang=zh)', pkg: 'fonts-noto-cjk' });
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) missing.push({ what: 'pdftotext', pkg: 'poppler-utils' });
  return missing;
}

function ensureSystemTools() {
  step('检查 Chromium、中文字体和 pdftotext', 'checking Chromium, CJK fonts and pdftotext');
  let missing = missingSystemTools();
  if (missing.length === 0) return note('齐全', 'all present');
  const packages = missing.map((m) => m.pkg);
  const canInstall = process.getuid?.() === 0 && !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error;
  if (canInstall) {
    step(`安装系统软件包：${packages.join(' ')}`, `installing system packages: ${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run(['apt-get'], ['update'], { env, what: { zh: 'apt-get update', en: 'apt-get update' } });
    run(['apt-get'], ['install', '-y', ...packages], { env, what: { zh: '安装系统软件包', en: 'apt-get install' } });
    missing = missingSystemTools();
  }
  if (missing.length > 0) {
    const names = missing.map((m) => m.what).join(', ');
    fail(`缺少 ${names}，请先安装：sudo apt-get install -y ${packages.join(' ')}`, `missing ${names}: install them with "sudo apt-get install -y ${packages.join(' ')}" and run npm test again`);
  }
}

function test(pnpm) {
  ensureSystemTools();
  step('类型检查（pnpm typecheck）', 'type checking (pnpm typecheck)');
  run(pnpm.command, ['typecheck'], { env: pnpm.env, what: { zh: '类型检查', en: 'typecheck' } });
  step('代码检查（pnpm lint）', 'linting (pnpm lint)');
  run(pnpm.command, ['lint'], { env: pnpm.env, what: { zh: '代码检查', en: 'lint' } });
  step('检查依赖方向（pnpm lint:imports）', 'checking import directions (pnpm lint:imports)');
  run(pnpm.command, ['lint:imports'], { env: pnpm.env, what: { zh: '依赖方向检查', en: 'import check' } });
  step('运行全部测试（pnpm vitest run）', 'running every test (pnpm vitest run)');
  run(pnpm.command, ['vitest', 'run'], { env: pnpm.env, what: { zh: '测试', en: 'tests' } });
  console.log('\n✓ 全部通过 / all checks passed');
}

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'test') fail('用法：node packages/server/bootstrap.mjs start|test', 'usage: node packages/server/bootstrap.mjs start|test', 2);
checkNode();
const pnpm = findPnpm();
note(`使用 pnpm ${pnpm.version}（${pnpm.command.join(' ')}）`, `using pnpm ${pnpm.version} (${pnpm.command.join(' ')})`);
install(pnpm);
if (mode === 'start') {
  buildWeb(pnpm);
  serve();
} else {
  test(pnpm);
}
