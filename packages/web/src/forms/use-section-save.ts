import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../api/api-error.ts';
import type { FormErrors } from './engine-adapter.ts';
import { clearBackup, writeBackup } from './local-backup.ts';
import { mergeLocalEdits } from './merge-local-edits.ts';

/** A section's data with the application's version, as the server stores it. */
export interface SectionSnapshot {
  data: Record<string, unknown>;
  version: number;
  /** Field errors a draft save found (format, limits); saving a draft never fails because of them. */
  errors?: FormErrors;
}

export type SaveStatus =
  | { state: 'clean' }
  | { state: 'dirty' }
  | { state: 'saving' }
  | { state: 'saved'; at: Date; automatic: boolean }
  | { state: 'failed'; error: ApiError }
  | { state: 'conflict' };

export interface SectionSaveOptions {
  initial: SectionSnapshot;
  save?: (data: Record<string, unknown>, version: number) => Promise<SectionSnapshot>;
  reload?: () => Promise<SectionSnapshot>;
  /** Autosave this long after the last change; 0 turns autosave off. */
  autosaveDelayMs: number;
  /** Reads the form's current data (kept outside React state so typing does not re-render the page). */
  currentData: () => Record<string, unknown>;
  /** Replaces the form's data (after a conflict reload). */
  replaceData: (data: Record<string, unknown>) => void;
  onServerErrors: (errors: FormErrors) => void;
  /** Where this browser keeps a copy of the unsaved edits (see local-backup.ts); none without a key. */
  backupKey?: string;
}

/**
 * Draft saving for one section: explicit 暂存, debounced autosave, one save in flight at a time, and optimistic
 * locking. A save's answer never touches the data on screen: it only brings the new revision and field errors.
 * A stale save (SB_ERR_CONFLICT) stops autosave and lets the user choose: `reloadKeepingEdits` loads the latest data
 * and re-applies what the user changed since the last successful save, `reloadDiscardingEdits` takes the latest.
 *
 * Nothing typed is lost on leaving: every change is copied to the local backup until the server holds it, leaving
 * the page (a route change unmounts the form) saves what is pending, and closing or reloading the tab with pending
 * edits asks the browser's "leave this page?" question.
 */
export function useSectionSave(options: SectionSaveOptions) {
  const [status, setStatus] = useState<SaveStatus>({ state: 'clean' });
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const version = useRef(options.initial.version);
  // What the server holds as far as we know: the base of the three-way merge after a conflict.
  const base = useRef(options.initial.data);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const conflict = useRef(false);
  const changedSinceSave = useRef(false);

  const saveNow = useCallback(async (automatic: boolean): Promise<void> => {
    const { save, currentData, onServerErrors } = optionsRef.current;
    clearTimeout(timer.current);
    if (!save || conflict.current) return;
    if (inFlight.current) {
      // Wait for the running save, then save what was typed meanwhile.
      await inFlight.current;
      if (!changedSinceSave.current) return;
    }
    const data = currentData();
    changedSinceSave.current = false;
    setStatus({ state: 'saving' });
    const run = (async () => {
      try {
        const saved = await save(data, version.current);
        version.current = saved.version;
        // The server's copy of what was sent: the base of a later merge, never put on screen.
        base.current = saved.data;
        onServerErrors(saved.errors ?? {});
        const { backupKey } = optionsRef.current;
        if (backupKey) {
          if (changedSinceSave.current) writeBackup(backupKey, optionsRef.current.currentData(), saved.version);
          else clearBackup(backupKey);
        }
        setStatus(changedSinceSave.current ? { state: 'dirty' } : { state: 'saved', at: new Date(), automatic });
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError('SB_ERR_INTERNAL', { zh: String(error), en: String(error) });
        changedSinceSave.current = true;
        if (apiError.code === 'SB_ERR_CONFLICT') {
          conflict.current = true;
          setStatus({ state: 'conflict' });
        } else {
          if (apiError.code === 'SB_ERR_VALIDATION') onServerErrors(fieldErrorsOf(apiError));
          setStatus({ state: 'failed', error: apiError });
        }
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    await run;
  }, []);

  /** Call on every change: marks the section dirty and (re)starts the autosave countdown. */
  const noteChange = useCallback(() => {
    changedSinceSave.current = true;
    const { backupKey, currentData } = optionsRef.current;
    if (backupKey) writeBackup(backupKey, currentData(), version.current);
    setStatus((current) => (current.state === 'dirty' || current.state === 'conflict' || current.state === 'saving' ? current : { state: 'dirty' }));
    const { autosaveDelayMs, save } = optionsRef.current;
    if (!save || autosaveDelayMs <= 0 || conflict.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(true), autosaveDelayMs);
  }, [saveNow]);

  const reloadKeepingEdits = useCallback(async () => {
    const { reload, currentData, replaceData } = optionsRef.current;
    if (!reload) return;
    const latest = await reload();
    const merged = mergeLocalEdits(base.current, currentData(), latest.data) as Record<string, unknown>;
    version.current = latest.version;
    base.current = latest.data;
    conflict.current = false;
    changedSinceSave.current = true;
    replaceData(merged);
    // No autosave here: the user checks the merged content, then saves.
    if (optionsRef.current.backupKey) writeBackup(optionsRef.current.backupKey, merged, latest.version);
    setStatus({ state: 'dirty' });
  }, []);

  const reloadDiscardingEdits = useCallback(async () => {
    const { reload, replaceData, onServerErrors, backupKey } = optionsRef.current;
    if (!reload) return;
    const latest = await reload();
    version.current = latest.version;
    base.current = latest.data;
    conflict.current = false;
    changedSinceSave.current = false;
    if (backupKey) clearBackup(backupKey);
    replaceData(latest.data);
    onServerErrors(latest.errors ?? {});
    setStatus({ state: 'clean' });
  }, []);

  // Closing or reloading the tab with edits the server does not hold yet: the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!changedSinceSave.current && !inFlight.current) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the question.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  // Leaving the page inside the app unmounts the form: what is pending is saved on the way out (the request
  // outlives the form). Should it fail, the local backup still holds the edits for the next visit.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (changedSinceSave.current && !conflict.current) void saveNow(true);
    },
    [saveNow],
  );

  return { status, saveNow, noteChange, reloadKeepingEdits, reloadDiscardingEdits };
}
