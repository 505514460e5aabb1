import type { RankingCandidate } from '../api/reviewing.ts';

/**
 * The order being edited on the ranking page: the chosen candidates (推荐序号 1, 2, …) followed by the others.
 * Pure functions so the page and its tests share them.
 */
export interface RankingDraft {
  chosen: string[];
  others: string[];
}

export function draftFromCandidates(candidates: RankingCandidate[]): RankingDraft {
  const ranked = candidates.filter((c) => c.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return { chosen: ranked.map((c) => c.taskId), others: candidates.filter((c) => c.rank === null).map((c) => c.taskId) };
}

export function move(draft: RankingDraft, taskId: string, by: -1 | 1): RankingDraft {
  const index = draft.chosen.indexOf(taskId);
  const target = index + by;
  if (index < 0 || target < 0 || target >= draft.chosen.length) return draft;
  const chosen = [...draft.chosen];
  [chosen[index], chosen[target]] = [chosen[target]!, chosen[index]!];
  return { ...draft, chosen };
}

/** Moves `taskId` to position `to` among the chosen (drag and drop). */
export function moveTo(draft: RankingDraft, taskId: string, to: number): RankingDraft {
  const chosen = draft.chosen.filter((id) => id !== taskId);
  chosen.splice(Math.max(0, Math.min(to, chosen.length)), 0, taskId);
  return { ...draft, chosen };
}

/** Choosing beyond the quota is refused here as well as by the server (a database constraint). */
export function toggle(draft: RankingDraft, taskId: string, quota: number | null): RankingDraft {
  if (draft.chosen.includes(taskId)) return { chosen: draft.chosen.filter((id) => id !== taskId), others: [...draft.others, taskId] };
  if (quota !== null && draft.chosen.length >= quota) return draft;
  return { chosen: [...draft.chosen, taskId], others: draft.others.filter((id) => id !== taskId) };
}

/** Whether the order on screen differs from the one the server holds (unsaved: closing the tab asks first). */
export function orderChanged(draft: RankingDraft, candidates: RankingCandidate[]): boolean {
  const saved = draftFromCandidates(candidates).chosen;
  return saved.length !== draft.chosen.length || saved.some((taskId, index) => draft.chosen[index] !== taskId);
}
