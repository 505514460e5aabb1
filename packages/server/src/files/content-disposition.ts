/**
 * `Content-Disposition` with a Chinese file name that every browser reads: an ASCII fallback in `filename` and the
 * real name, UTF-8 percent-encoded, in `filename*` (RFC 6266 / RFC 5987).
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
