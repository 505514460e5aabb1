/**
 * The Excel file of a summary table, laid out the way bureaus hand them in: a Chinese title row across the table,
 * a styled header row, one row per application, columns wide enough to read, header frozen when scrolling.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from './export-cells.ts';

export interface ExportTable {
  title: string;
  /** A line under the title: who exported what, when. */
  subtitle?: string;
  headers: string[];
  rows: CellValue[][];
}

/** Display width of a text in Excel's character units: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

const minWidth = 6;
const maxWidth = 60;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  const cleaned = title.replace(/[:\\/?*[\]]/g, ' ').trim();
  return [...(cleaned || 'Sheet1')].slice(0, 31).join('');
}

export async function buildExportWorkbook(table: ExportTable, createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'shenbao';
  workbook.created = createdAt;
  const sheet = workbook.addWorksheet(sheetName(table.title));
  const columnCount = Math.max(1, table.headers.length);

  const titleRow = sheet.addRow([table.title]);
  sheet.mergeCells(1, 1, 1, columnCount);
  titleRow.height = 30;
  titleRow.getCell(1).font = { name: '宋体', size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  let headerRowNumber = 2;
  if (table.subtitle) {
    const subtitleRow = sheet.addRow([table.subtitle]);
    sheet.mergeCells(2, 1, 2, columnCount);
    subtitleRow.getCell(1).font = { name: '宋体', size: 10, color: { argb: 'FF666666' } };
    subtitleRow.getCell(1).alignment = { horizontal: 'right' };
    headerRowNumber = 3;
  }

  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const headerRow = sheet.addRow(table.headers);
  headerRow.height = 32;
  headerRow.eachCell((cell) => {
    cell.font = { name: '宋体', size: 11, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });
  for (const values of table.rows) {
    const row = sheet.addRow(values);
    for (let column = 1; column <= columnCount; column += 1) {
      const cell = row.getCell(column);
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  }

  table.headers.forEach((header, index) => {
    const widest = Math.max(displayWidth(header), ...table.rows.map((row) => displayWidth(String(row[index] ?? ''))));
    sheet.getColumn(index + 1).width = Math.min(maxWidth, Math.max(minWidth, widest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRowNumber }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
