/**
 * The /verify/<version> page a phone opens from the QR code: minimal server-rendered HTML in Chinese, no script, no
 * external resources, showing only what the paper itself shows and whether it is still the current print.
 */
import type { VerificationAnswer } from './print.service.ts';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;color:#222;background:#f6f7f9;line-height:1.6}
main{max-width:34rem;margin:0 auto;background:#fff;border-radius:8px;padding:16px 20px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:1.25rem;margin:0 0 12px}dl{margin:0}dt{color:#666;font-size:.875rem;margin-top:10px}dd{margin:0;font-size:1.05rem;word-break:break-all}
.verdict{padding:10px 12px;border-radius:6px;margin:12px 0;font-weight:bold}.ok{background:#e7f6ec;color:#14632f}.warn{background:#fff4e0;color:#8a4b00}
.code{font-family:monospace;font-size:1.2rem;letter-spacing:.05em}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function verificationHtml(answer: VerificationAnswer): string {
  const verdicts: string[] = [];
  verdicts.push(answer.isLatest
    ? '<p class="verdict ok">这是该申报此材料的最新打印版本。</p>'
    : '<p class="verdict warn">该申报此后又重新打印过，这不是最新版本。</p>');
  verdicts.push(answer.dataChanged
    ? '<p class="verdict warn">打印之后，系统中的申报数据已有修改，纸质材料可能与系统不一致。</p>'
    : '<p class="verdict ok">系统中的申报数据自打印以来未修改，与此版本一致。</p>');
  const rows: Array<[string, string]> = [
    ['项目', answer.programmeTitle],
    ['申报编号', answer.applicationNumber],
    ['申报单位', answer.applicantName],
    ['材料', answer.printTitle],
    ['打印时间', answer.printedAtLocal],
  ];
  return page(`版本号 ${answer.version} 核验结果`, `<h1>打印版本核验</h1><p>版本号 <span class="code">${escapeHtml(answer.version)}</span> 是本系统生成的打印版本。</p>
${verdicts.join('\n')}<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`);
}

export function unknownVersionHtml(input: string, message: { zh: string; en: string }): string {
  return page('版本号不存在', `<h1>未找到此版本号</h1><p class="verdict warn">${escapeHtml(message.zh)}</p><p>${escapeHtml(message.en)}</p>
<p>输入的版本号：<span class="code">${escapeHtml(input)}</span></p>`);
}
