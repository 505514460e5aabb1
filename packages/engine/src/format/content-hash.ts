import { sha256 } from '../hash/sha256.ts';

/**
 * A stable fingerprint of a programme folder: SHA-256 over the files sorted by path, each as
 * `path NUL length NUL content`, so that renaming a file or moving bytes between files always
 * changes the hash. Publishing stores it next to the version.
 */
export function contentHash(files: Readonly<Record<string, string>>): string {
  const paths = Object.keys(files).sort();
  const parts: string[] = [];
  for (const path of paths) {
    const content = files[path] ?? '';
    parts.push(`${path}\u0000${content.length}\u0000${content}`);
  }
  return sha256(parts.join('\u0000'));
}
