/**
 * Reads a programme folder out of an uploaded zip, in memory. An archive is untrusted input: its entry count and
 * declared unpacked sizes are capped before anything is inflated (each entry inflates into a buffer of its declared
 * size, so a lying header cannot make it grow), paths that are absolute or climb out of the folder are refused,
 * and the folder may sit at the top of the archive or inside one folder (what "compress this folder" makes).
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { ProgrammeFiles } from '@shenbao/engine';
import { AppError } from '../errors.ts';
import { programmeFileEndings } from './read-folder.ts';

export interface ZipLimits {
  maxFiles: number;
  /** Sum of the declared unpacked sizes of every entry. */
  maxUnpackedBytes: number;
}

export const programmeZipLimits: ZipLimits = { maxFiles: 2000, maxUnpackedBytes: 50 * 1024 * 1024 };

/** Archives made on a Mac or by some tools carry these; they are not part of the folder. */
function isClutter(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((segment) => segment.startsWith('.'));
}

/** A safe folder-relative path with `/` separators, or undefined when the entry name tries to leave the folder. */
export function safeEntryPath(name: string): string | undefined {
  if (name.includes('\\') || name.includes('\0')) return undefined;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return undefined;
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.some((s) => s === '..')) return undefined;
  return segments.join('/');
}

/** Folder entries end with `/`; everything else is a file. */
const isDirectoryEntry = (name: string) => name.endsWith('/');

export function readProgrammeZip(bytes: Uint8Array, limits: ZipLimits = programmeZipLimits): ProgrammeFiles {
  // First pass: look at the central directory only (the filter refuses every entry, so nothing is inflated).
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        entries.push(info);
        return false;
      },
    });
  } catch {
    throw new AppError('SB_ERR_PROGRAMME_ZIP_UNREADABLE');
  }
  const tooLarge = () => new AppError('SB_ERR_PROGRAMME_ZIP_TOO_LARGE', { maxFiles: limits.maxFiles, limitMb: Math.round(limits.maxUnpackedBytes / 1024 / 1024) });
  if (entries.length > limits.maxFiles) throw tooLarge();
  let declared = 0;
  const wanted = new Map<string, string>();
  for (const entry of entries) {
    const path = safeEntryPath(entry.name);
    if (path === undefined) throw new AppError('SB_ERR_PROGRAMME_ZIP_UNSAFE_PATH', { path: entry.name.slice(0, 200) });
    declared += entry.originalSize;
    if (declared > limits.maxUnpackedBytes) throw tooLarge();
    if (isDirectoryEntry(entry.name) || isClutter(path)) continue;
    if (!programmeFileEndings.some((ending) => path.endsWith(ending))) continue;
    wanted.set(entry.name, path);
  }
  const prefix = folderPrefix([...wanted.values()]);
  if (prefix === undefined) throw new AppError('SB_ERR_PROGRAMME_ZIP_NO_MANIFEST');

  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, { filter: (info) => wanted.has(info.name) });
  } catch {
    throw new AppError('SB_ERR_PROGRAMME_ZIP_UNREADABLE');
  }
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(inflated)) {
    const path = wanted.get(name)!;
    if (!path.startsWith(prefix)) continue;
    files[path.slice(prefix.length)] = decoder.decode(content).replace(/^\uFEFF/, '');
  }
  return files;
}

/** '' when programme.json is at the top, 'folder/' when it is one level down; undefined when it is neither. */
function folderPrefix(paths: string[]): string | undefined {
  if (paths.includes('programme.json')) return '';
  const nested = paths.filter((p) => /^[^/]+\/programme\.json$/.test(p));
  return nested.length === 1 ? nested[0]!.slice(0, -'programme.json'.length) : undefined;
}
