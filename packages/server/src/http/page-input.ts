/**
 * `limit` and `offset` of a paged query, checked before they reach SQL: a negative offset or a limit out of range
 * is the caller's mistake (SB_ERR_VALIDATION naming the field), not a database error with the SQL in the log.
 */
import { AppError } from '../errors.ts';

export function checkPageInput(input: { limit?: number | null | undefined; offset?: number | null | undefined }, maxLimit: number, pointerPrefix = ''): void {
  const fields: Record<string, { zh: string; en: string }[]> = {};
  const { limit, offset } = input;
  if (limit !== null && limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)) {
    fields[`${pointerPrefix}/limit`] = [{ zh: `每页条数应在 1 到 ${maxLimit} 之间`, en: `limit must be from 1 to ${maxLimit}` }];
  }
  if (offset !== null && offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    fields[`${pointerPrefix}/offset`] = [{ zh: '偏移量不能为负数', en: 'offset must not be negative' }];
  }
  if (Object.keys(fields).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields });
}
