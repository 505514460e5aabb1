/**
 * Moving a window is an administrator's change that decides who may still submit: it is audited in the same
 * transaction (`programme.window_changed`, with the dates before and after), as a ProgrammeHooks.windowChanged hook.
 */
import type { AuditService } from '../audit/audit.service.ts';
import type { Transaction } from '../db/client.ts';
import type { WindowChange } from './programme.service.ts';

export function windowChangeAudit(audit: Pick<AuditService, 'record'>) {
  return async (tx: Transaction, change: WindowChange): Promise<void> => {
    await audit.record({
      actorId: change.actorId,
      action: 'programme.window_changed',
      result: 'ok',
      subjectType: 'programme',
      subjectId: change.programmeId,
      details: { windowId: change.windowId, before: change.previous ?? null, after: change.windowId ? change.windowOverrides[change.windowId] : null },
    }, tx);
  };
}
