/**
 * Where the form logic meets the engine's browser API: FEEL is evaluated by the same code as on the server, so a
 * computed total or a conditional field behaves the same in the browser as when the server saves.
 */
import { evaluate } from '@shenbao/engine/browser';
import type { Message } from '../i18n/i18n.tsx';

export type ExpressionOutcome = { ok: true; value: unknown } | { ok: false; message: Message };

/** Evaluates a programme FEEL expression (`"=…"`) against a context. Never throws. */
export function evaluateExpression(expression: string, context: Record<string, unknown>): ExpressionOutcome {
  const result = evaluate(expression, context);
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: result.error.message };
}

/** Field errors by JSON pointer, as the engine and the server's SB_ERR_VALIDATION details carry them. */
export type FormErrors = Record<string, Message[]>;

/**
 * The shape of the engine's compiled programme that the section form needs (structural, so the web app does not
 * depend on the engine's internal types): a draft save returns the cleaned data and field errors whose pointers
 * are application-level (`/<sectionId>/…`).
 */
export interface DraftSaver {
  saveSection(sectionId: string, data: unknown, context?: { application?: Record<string, unknown> }): { data: Record<string, unknown>; errors: FormErrors; valid: boolean };
}

/** Validates a section's draft in the browser; returns section-relative field errors. */
export type SectionValidator = (data: Record<string, unknown>) => FormErrors;

/** Builds a SectionValidator from a compiled programme (engine `compileProgramme(programme)`). */
export function sectionValidator(compiled: DraftSaver, sectionId: string, application: Record<string, unknown> = {}): SectionValidator {
  return (data) => sectionErrors(compiled.saveSection(sectionId, data, { application }).errors, sectionId);
}

/** Keeps the errors under `/<sectionId>` and makes their pointers relative to the section. */
export function sectionErrors(errors: FormErrors, sectionId: string): FormErrors {
  const prefix = '/' + sectionId.replace(/~/g, '~0').replace(/\//g, '~1');
  const result: FormErrors = {};
  for (const [pointer, messages] of Object.entries(errors)) {
    if (pointer === prefix) result[''] = messages;
    else if (pointer.startsWith(prefix + '/')) result[pointer.slice(prefix.length)] = messages;
  }
  return result;
}
