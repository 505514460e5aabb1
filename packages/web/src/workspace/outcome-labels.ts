import type { Message, Text } from '../i18n/i18n.tsx';

/**
 * Button and history labels for outcomes: the built-in words every flow may use, then the programme's own
 * `outcomes` table (which wins, so a notice's wording is shown as written).
 */
const builtIn: Record<string, Message> = {
  approve: { zh: '通过', en: 'Approve' },
  return: { zh: '退回', en: 'Return' },
  reject: { zh: '不通过', en: 'Reject' },
  // A task without outcomes of its own (e.g. entering an expert review) is simply completed.
  complete: { zh: '完成', en: 'Complete' },
};

export function outcomeLabel(outcome: string, programmeOutcomes: Record<string, unknown> | undefined): Text {
  const own = programmeOutcomes?.[outcome];
  if (typeof own === 'string') return own;
  if (own && typeof own === 'object') {
    const record = own as { zh?: unknown; en?: unknown; title?: unknown };
    if (typeof record.zh === 'string') return { zh: record.zh, ...(typeof record.en === 'string' ? { en: record.en } : {}) };
    if (record.title) return record.title as Text;
  }
  return builtIn[outcome] ?? outcome;
}

/** Outcomes that send work back or say no get the "danger" look; a return needs a reason. */
export const isNegativeOutcome = (outcome: string) => outcome === 'return' || outcome === 'reject' || outcome.startsWith('not');
export const needsReason = (outcome: string) => outcome === 'return';
