/**
 * The reviewer account sheet notices ask units to return (序号, 姓名, 手机号, 职务, 单位), as xlsx or csv. The header
 * row is found by its titles (it may sit under a title line), columns are matched by title so their order does
 * not matter, and English titles are accepted too.
 */
import { AppError } from '../errors.ts';
import { decodeText, parseCsv, readXlsxRows } from './tabular-text.ts';

export interface ReviewerSheetRow {
  /** 1-based row number in the sheet, as the administrator sees it in Excel. */
  rowNumber: number;
  name: string;
  mobile: string;
  title: string;
  unit: string;
}

type Column = 'name' | 'mobile' | 'title' | 'unit';

const headerTitles: Record<Column, string[]> = {
  name: ['姓名', 'name'],
  mobile: ['手机号', '手机号码', '手机', 'mobile'],
  title: ['职务', 'title'],
  unit: ['单位', '单位名称', '所在单位', 'unit', 'organisation', 'organization'],
};

const headerSearchDepth = 10;

function normaliseHeader(cell: string): string {
  return cell.replace(/[\s*＊:：]/g, '').toLowerCase();
}

function findHeader(rows: string[][]): { index: number; columns: Record<Column, number> } | undefined {
  for (let index = 0; index < Math.min(rows.length, headerSearchDepth); index++) {
    const cells = (rows[index] ?? []).map(normaliseHeader);
    const columns = {} as Record<Column, number>;
    let found = true;
    for (const [column, titles] of Object.entries(headerTitles) as [Column, string[]][]) {
      const at = cells.findIndex((cell) => titles.includes(cell));
      if (at < 0 && column !== 'title') found = false;
      columns[column] = at;
    }
    if (found) return { index, columns };
  }
  return undefined;
}

export function rowsToReviewerSheet(rows: string[][]): ReviewerSheetRow[] {
  const header = findHeader(rows);
  if (!header) {
    throw new AppError('SB_ERR_IMPORT_SHEET_UNREADABLE', { detail: '未找到包含“姓名”“手机号”“单位”的表头行 / no header row with name, mobile and unit columns' });
  }
  const result: ReviewerSheetRow[] = [];
  for (let i = header.index + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    const at = (column: Column) => (header.columns[column] >= 0 ? (cells[header.columns[column]] ?? '').trim() : '');
    const row = { rowNumber: i + 1, name: at('name'), mobile: at('mobile'), title: at('title'), unit: at('unit') };
    if (!row.name && !row.mobile && !row.unit) continue; // blank lines and trailing serial numbers
    result.push(row);
  }
  return result;
}

export async function readReviewerSheet(bytes: Uint8Array, fileType: string): Promise<ReviewerSheetRow[]> {
  let rows: string[][];
  try {
    if (fileType === 'xlsx') rows = await readXlsxRows(bytes);
    else if (fileType === 'csv') rows = parseCsv(decodeText(bytes));
    else throw new AppError('SB_ERR_IMPORT_SHEET_UNREADABLE', { detail: `只支持 xlsx 或 csv，收到 ${fileType} / only xlsx or csv, got ${fileType}` });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('SB_ERR_IMPORT_SHEET_UNREADABLE', { detail: (error as Error).message.slice(0, 200) });
  }
  return rowsToReviewerSheet(rows);
}
