/**
 * One export row: each column's FEEL expression evaluated against the application's variables, and the value made
 * into something a spreadsheet cell shows well.
 */
import { evaluate, textIn, type ExportDef } from '@shenbao/engine';

export type CellValue = string | number;

/** Lists read as 甲、乙; yes/no as 是/否; nothing as an empty cell; numbers stay numbers so Excel can sum them. */
export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map((v) => String(cellValue(v))).filter((v) => v !== '').join('、');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    // A unit looked up from `organisations` or a bilingual text: show its name rather than its JSON.
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    if (typeof record.zh === 'string') return textIn(record as { zh: string; en?: string });
    return JSON.stringify(value);
  }
  return String(value);
}

export interface RowFailure {
  column: number;
  message: string;
}

/** A column whose expression fails leaves its cell empty; the failures are returned for the log. */
export function exportRow(definition: ExportDef, variables: Record<string, unknown>): { cells: CellValue[]; failures: RowFailure[] } {
  const failures: RowFailure[] = [];
  const cells = definition.columns.map((column, index) => {
    const result = evaluate(column.expr, variables);
    if (!result.ok) {
      failures.push({ column: index, message: result.error.message.en });
      return '';
    }
    return cellValue(result.value);
  });
  return { cells, failures };
}
