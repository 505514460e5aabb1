import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** File endings a programme folder may hold; anything else (editor backups, binaries) is left out. */
export const programmeFileEndings = ['.json', '.bpmn', '.hbs', '.css', '.md', '.txt'];

/**
 * Reads a programme folder from disk into the engine's input: relative path (with /) → text. The engine itself never
 * touches the disk.
 */
export async function readProgrammeFolder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && programmeFileEndings.includes(path.extname(entry.name))) {
        files[path.relative(dir, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
      }
    }
  }
  await walk(dir);
  return files;
}

/** Every programme folder (a directory holding programme.json) directly under `root`, sorted. */
export async function listProgrammeFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const folders: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const manifest = path.join(root, entry.name, 'programme.json');
    if (await stat(manifest).then((s) => s.isFile(), () => false)) folders.push(path.join(root, entry.name));
  }
  return folders.sort();
}
