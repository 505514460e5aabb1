import { inArray } from 'drizzle-orm';
import { attachmentIdsIn, type JsonSchema } from '@shenbao/engine';
import type { DbOrTx } from '../db/client.ts';
import { attachments } from '../db/schema/index.ts';

/**
 * Attachment ids in a form's data that were not uploaded for this application: refused, so nobody can point an
 * application at someone else's file.
 */
export async function foreignAttachments(db: DbOrTx, applicationId: string, schema: JsonSchema, data: unknown, pointerPrefix: string): Promise<Record<string, Array<{ zh: string; en: string }>>> {
  const held = attachmentIdsIn(schema, data);
  if (held.length === 0) return {};
  const rows = await db.select({ id: attachments.id, applicationId: attachments.applicationId }).from(attachments)
    .where(inArray(attachments.id, [...new Set(held.map((h) => h.id))]));
  const ours = new Set(rows.filter((r) => r.applicationId === applicationId).map((r) => r.id));
  const errors: Record<string, Array<{ zh: string; en: string }>> = {};
  for (const { pointer, id } of held) {
    if (!ours.has(id)) errors[`${pointerPrefix}${pointer}`] = [{ zh: '附件不存在或不属于本申报，请重新上传', en: 'This file does not exist or was not uploaded for this application; upload it again' }];
  }
  return errors;
}
