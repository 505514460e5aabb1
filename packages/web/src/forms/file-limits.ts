import { parseByteSize } from '@shenbao/engine/browser';
import type { Language, MessageKey } from '../i18n/i18n.tsx';

/** The `x-attachment` keyword of a file field, as programme folders write it. */
export interface AttachmentLimits {
  maxSize?: string | number;
  accept?: string[];
  multiple?: boolean;
}

/** "20MB", "3 MB", "500KB", or a byte count → bytes; undefined when absent or unreadable (the server still checks). */
export function parseSize(size: string | number | undefined): number | undefined {
  return size === undefined ? undefined : parseByteSize(size);
}

/** Bytes as people read them: "3 MB", "512 KB", "1.5 MB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${trim(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function trim(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** Accepted types for display: "PDF、JPG" in Chinese, "PDF, JPG" in English; empty when any type is allowed. */
export function describeTypes(accept: string[] | undefined, language: Language): string {
  if (!accept || accept.length === 0) return '';
  const names = accept.map((type) => type.replace(/^\./, '').toUpperCase());
  return names.join(language === 'zh' ? '、' : ', ');
}

/** The `accept` attribute for the file picker: ".pdf,.jpg". */
export function acceptAttribute(accept: string[] | undefined): string | undefined {
  if (!accept || accept.length === 0) return undefined;
  return accept.map((type) => (type.startsWith('.') ? type : '.' + type).toLowerCase()).join(',');
}

export interface LimitRefusal {
  key: MessageKey;
  params: Record<string, string | number>;
}

/**
 * Checks a chosen file against the field's limits before uploading, so people learn at once that a 25 MB scan will
 * not fit a 20 MB limit. Only name and size are visible here; the server checks the content as well.
 */
export function checkFileAgainstLimits(file: { name: string; size: number }, limits: AttachmentLimits, language: Language): LimitRefusal | undefined {
  if (file.size === 0) return { key: 'attachment.empty', params: { name: file.name } };
  const accept = limits.accept?.map((type) => type.replace(/^\./, '').toLowerCase());
  if (accept && accept.length > 0) {
    const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
    const equivalent = extension === 'jpeg' ? 'jpg' : extension;
    if (!extension || !(accept.includes(extension) || (equivalent !== undefined && accept.includes(equivalent)))) {
      return { key: 'attachment.wrongType', params: { name: file.name, types: describeTypes(limits.accept, language) } };
    }
  }
  const maxBytes = parseSize(limits.maxSize);
  if (maxBytes !== undefined && file.size > maxBytes) {
    return { key: 'attachment.tooLarge', params: { name: file.name, actual: formatSize(file.size), limit: formatSize(maxBytes) } };
  }
  return undefined;
}
