/**
 * What a file really is, decided from its bytes — never from its name or the browser's Content-Type, which a user
 * (or an attacker) chooses freely. Office Open XML files are zip archives; they are told apart by the part names
 * stored uncompressed in the archive's directory.
 */
export interface DetectedType {
  /** Short name used in limits and messages: pdf, png, jpg, gif, bmp, webp, tiff, zip, xlsx, docx, pptx, ole, csv, txt. */
  fileType: string;
  /** The content type the file is served with. */
  mediaType: string;
  /** True for types a browser can show inline without running anything (PDF and raster images). */
  inlineSafe: boolean;
  /** Markup a browser would run, or a program: refused for every field, whatever the field accepts. */
  dangerous?: true;
}

const types = {
  pdf: { fileType: 'pdf', mediaType: 'application/pdf', inlineSafe: true },
  png: { fileType: 'png', mediaType: 'image/png', inlineSafe: true },
  jpg: { fileType: 'jpg', mediaType: 'image/jpeg', inlineSafe: true },
  gif: { fileType: 'gif', mediaType: 'image/gif', inlineSafe: true },
  bmp: { fileType: 'bmp', mediaType: 'image/bmp', inlineSafe: true },
  webp: { fileType: 'webp', mediaType: 'image/webp', inlineSafe: true },
  tiff: { fileType: 'tiff', mediaType: 'image/tiff', inlineSafe: false },
  zip: { fileType: 'zip', mediaType: 'application/zip', inlineSafe: false },
  xlsx: { fileType: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inlineSafe: false },
  docx: { fileType: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', inlineSafe: false },
  pptx: { fileType: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', inlineSafe: false },
  ole: { fileType: 'ole', mediaType: 'application/x-ole-storage', inlineSafe: false },
  csv: { fileType: 'csv', mediaType: 'text/csv', inlineSafe: false },
  txt: { fileType: 'txt', mediaType: 'text/plain', inlineSafe: false },
  html: { fileType: 'html', mediaType: 'text/html', inlineSafe: false, dangerous: true },
  exe: { fileType: 'exe', mediaType: 'application/vnd.microsoft.portable-executable', inlineSafe: false, dangerous: true },
  elf: { fileType: 'elf', mediaType: 'application/x-executable', inlineSafe: false, dangerous: true },
  macho: { fileType: 'macho', mediaType: 'application/x-mach-binary', inlineSafe: false, dangerous: true },
  script: { fileType: 'script', mediaType: 'text/x-shellscript', inlineSafe: false, dangerous: true },
  lnk: { fileType: 'lnk', mediaType: 'application/x-ms-shortcut', inlineSafe: false, dangerous: true },
} satisfies Record<string, DetectedType>;

/** The types a field may accept: everything detected except markup and programs, which are refused everywhere. */
export const acceptableFileTypes: string[] = Object.values(types as Record<string, DetectedType>)
  .filter((t) => t.dangerous !== true)
  .map((t) => t.fileType);

/** The usual file-name extension of each detected type, for names that claim something else. */
export const fileTypeExtensions: Record<string, string[]> = {
  pdf: ['pdf'], png: ['png'], jpg: ['jpg', 'jpeg'], gif: ['gif'], bmp: ['bmp'], webp: ['webp'], tiff: ['tif', 'tiff'], zip: ['zip'],
  xlsx: ['xlsx'], docx: ['docx'], pptx: ['pptx'], ole: ['doc', 'xls', 'ppt'], csv: ['csv'], txt: ['txt'],
};

/** Whether a stored file of this type may be shown inline (PDF and raster images only). */
export function isInlineSafe(fileType: string): boolean {
  return (types as Record<string, DetectedType>)[fileType]?.inlineSafe ?? false;
}

/** Names for messages ("the file content is …"). */
export const fileTypeLabels: Record<string, string> = {
  pdf: 'PDF', png: 'PNG', jpg: 'JPG', gif: 'GIF', bmp: 'BMP', webp: 'WebP', tiff: 'TIFF', zip: 'ZIP', xlsx: 'Excel (xlsx)',
  docx: 'Word (docx)', pptx: 'PowerPoint (pptx)', ole: 'Office 97-2003 (doc/xls)', csv: 'CSV', txt: 'TXT', unknown: '未知 / unknown',
  html: 'HTML', exe: 'Windows 程序 / Windows program (exe)', elf: 'Linux 程序 / Linux program', macho: 'macOS 程序 / macOS program',
  script: '脚本 / script', lnk: 'Windows 快捷方式 / Windows shortcut',
};

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((value, i) => bytes[offset + i] === value);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function includesAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/**
 * Markup a browser would render as a page (and run its scripts) if it were ever served as HTML: the tags browsers
 * sniff for, anywhere in the first KiB of something that is otherwise text.
 */
const markupPattern = /<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|svg|img\s|a\s+href|meta\s|link\s|style|base\s|form|xml|\?xml)[\s>/]/i;

function looksLikeMarkup(head: Uint8Array): boolean {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).toString('latin1');
  return markupPattern.test(text);
}

/** "BM" alone would match text that starts with those letters: also require a known DIB header size. */
function isBitmapHeader(head: Uint8Array): boolean {
  if (head.length < 18) return false;
  const dibSize = head[14]! | (head[15]! << 8) | (head[16]! << 16) | (head[17]! << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dibSize);
}

/** Text files have no signature: accept them when the start decodes as UTF-8 or GB18030 and holds no control bytes. */
function looksLikeText(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)) return false;
  }
  // The head may end mid-character, so decode leniently and count replacement characters instead of failing.
  const utf8 = new TextDecoder('utf-8').decode(head);
  const bad = (utf8.match(/\uFFFD/g) ?? []).length;
  if (bad <= 1) return true;
  const gb = new TextDecoder('gb18030').decode(head);
  return (gb.match(/\uFFFD/g) ?? []).length <= 1;
}

/**
 * @param head the first bytes of the file (4 KiB is plenty)
 * @param zipDirectory for zip files, the end of the file (its central directory names the parts); may be the whole file
 */
export function detectFileType(head: Uint8Array, zipDirectory: Uint8Array = head): DetectedType | undefined {
  // Programs first, whatever else the bytes might also look like.
  if (startsWith(head, ascii('MZ'))) return types.exe;
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return types.elf;
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((m) => startsWith(head, m))) return types.macho;
  if (startsWith(head, ascii('#!'))) return types.script;
  if (startsWith(head, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00])) return types.lnk;
  // The header at offset 0, as ISO 32000 writes it. Readers tolerate it anywhere in the first KiB, which lets an
  // HTML page carrying "<!-- %PDF-1.4 -->" pass as a PDF; we do not.
  if (startsWith(head, ascii('%PDF-'))) return types.pdf;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return types.png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return types.jpg;
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return types.gif;
  if (startsWith(head, ascii('BM')) && isBitmapHeader(head)) return types.bmp;
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return types.webp;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return types.tiff;
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return types.ole;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const parts = [head, zipDirectory];
    if (parts.some((p) => includesAscii(p, 'xl/workbook.xml'))) return types.xlsx;
    if (parts.some((p) => includesAscii(p, 'word/document.xml'))) return types.docx;
    if (parts.some((p) => includesAscii(p, 'ppt/presentation.xml'))) return types.pptx;
    return types.zip;
  }
  if (looksLikeMarkup(head)) return types.html;
  if (looksLikeText(head)) {
    // Sheets often start with a title line, so look for separators in any of the first lines.
    const lines = new TextDecoder('utf-8').decode(head).split(/\r?\n/).slice(0, 5);
    return lines.some((line) => /[,\t]/.test(line)) ? types.csv : types.txt;
  }
  return undefined;
}
