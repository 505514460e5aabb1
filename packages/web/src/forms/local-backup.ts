/**
 * A copy of a form's unsaved edits in this browser's localStorage, so that a crash, a closed tab or a lost
 * connection between a keystroke and the next successful save loses nothing. The page offers the copy back on
 * the next visit (never applies it on its own) and it is removed once the server holds those edits.
 *
 * Keyed by what the edits belong to (`section:<application>:<section>`, `task:<task>`,
 * `report:<programme>:<unit>:<report step>`); the revision the edits
 * were based on is stored with them, so the offer can say when the server has a newer version meanwhile.
 */
export interface LocalBackup {
  data: Record<string, unknown>;
  /** The server revision the edits were made on. */
  revision: number;
  /** When the copy was written (ISO time). */
  at: string;
}

const prefix = 'shenbao.unsaved.';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function readBackup(key: string): LocalBackup | undefined {
  try {
    const raw = storage()?.getItem(prefix + key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<LocalBackup>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.data !== 'object' || parsed.data === null) return undefined;
    return { data: parsed.data, revision: typeof parsed.revision === 'number' ? parsed.revision : 0, at: typeof parsed.at === 'string' ? parsed.at : '' };
  } catch {
    return undefined;
  }
}

export function writeBackup(key: string, data: Record<string, unknown>, revision: number, at = new Date()): void {
  try {
    storage()?.setItem(prefix + key, JSON.stringify({ data, revision, at: at.toISOString() }));
  } catch {
    // A full or unavailable storage only loses the extra safety net; the autosave still runs.
  }
}

export function clearBackup(key: string): void {
  try {
    storage()?.removeItem(prefix + key);
  } catch {
    // Nothing to clear.
  }
}

export const sectionBackupKey = (applicationId: string, sectionId: string) => `section:${applicationId}:${sectionId}`;
export const taskBackupKey = (taskId: string) => `task:${taskId}`;
/** A unit's report form (e.g. the recommendation letter sent with 排序上报): it reaches the server only with the report. */
export const reportBackupKey = (programmeId: string, organisationId: string, taskDefinitionId: string) =>
  `report:${programmeId}:${organisationId}:${taskDefinitionId}`;
