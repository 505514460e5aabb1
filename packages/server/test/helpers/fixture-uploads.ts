/**
 * Fixture data names attachments by made-up ids (`att-demo-3`); the server accepts only ids of files uploaded for the
 * application. These helpers upload a small real file for every attachment field a fixture fills (found with the
 * engine's `attachmentIdsIn`, so tables and multi-file fields are covered) through `POST /api/files`, and return the
 * data with the real ids in place.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { attachmentIdsIn, attachmentLimitsAt, type JsonSchema } from '@shenbao/engine';
import type { FastifyInstance } from 'fastify';
import { multipartUpload, STAMPED_SCAN_PDF } from './print-steps.ts';
import type { TestClient } from './programme-app.ts';

/** A valid 1×1 white PNG, built chunk by chunk so the file-type sniffing sees a real image. */
export const SMALL_PNG = buildPng();

function buildPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, default compression/filter, no interlace
  const pixels = deflateSync(Buffer.from([0, 255, 255, 255])); // filter byte + one white pixel
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** Where the uploaded files belong: a section of the application, or a reviewer's task form. */
export interface UploadTarget {
  /** `section`, `task`, or `report:<programmeId>` for a unit's report form (no application). */
  purpose: string;
  applicationId?: string;
  /** The section id or task-form id: the first segment of the upload's fieldPointer. */
  formId: string;
  schema: JsonSchema;
}

/** Uploads one file for one field and returns the server's attachment id. */
export async function uploadFile(app: FastifyInstance, client: TestClient, fields: Record<string, string>, file: { name: string; bytes: Buffer }): Promise<string> {
  const body = multipartUpload(fields, file);
  const response = await app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, ...client.headers() } });
  if (response.statusCode !== 200 && response.statusCode !== 201) throw new Error(`upload to ${fields.fieldPointer ?? fields.purpose} failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

/**
 * Uploads a file for every attachment in `data` (one form's data) and returns a copy with the ids replaced. A field
 * that accepts PNG gets the PNG (so both sniffers are exercised), any other field the PDF.
 */
export async function uploadFormAttachments(app: FastifyInstance, client: TestClient, target: UploadTarget, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const copy = structuredClone(data);
  for (const { pointer, id } of attachmentIdsIn(target.schema, copy)) {
    // A multi-file field holds its limits on the array, not on each item.
    const limits = attachmentLimitsAt(target.schema, pointer) ?? attachmentLimitsAt(target.schema, pointer.replace(/\/\d+$/, ''));
    const png = limits?.accept?.includes('png') ?? false;
    const newId = await uploadFile(app, client,
      { purpose: target.purpose, ...(target.applicationId ? { applicationId: target.applicationId } : {}), fieldPointer: `/${target.formId}${pointer}` },
      png ? { name: `${id}.png`, bytes: SMALL_PNG } : { name: `${id}.pdf`, bytes: STAMPED_SCAN_PDF });
    setAt(copy, pointer, newId);
  }
  return copy;
}

/**
 * Uploads a file for every attachment field a fixture fills, section by section, for an application of
 * `programmeId`, and returns the fixture data with the uploaded ids.
 */
export async function uploadFixtureAttachments(
  app: FastifyInstance, client: TestClient, applicationId: string, programmeId: string, data: Record<string, Record<string, unknown>>,
): Promise<Record<string, Record<string, unknown>>> {
  const runtime = await app.services.programmes.currentRuntime(programmeId);
  const result: Record<string, Record<string, unknown>> = {};
  for (const [sectionId, sectionData] of Object.entries(data)) {
    const section = runtime.programme.sections.find((s) => s.ref.id === sectionId);
    if (!section) throw new Error(`${programmeId} has no section ${sectionId}`);
    result[sectionId] = await uploadFormAttachments(app, client, { purpose: 'section', applicationId, formId: sectionId, schema: section.schema }, sectionData);
  }
  return result;
}

/** Uploads the attachments of one task form's data (a reviewer's stamped book, signed commitment …). */
export async function uploadTaskAttachments(
  app: FastifyInstance, client: TestClient, applicationId: string, programmeId: string, taskFormId: string, data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const runtime = await app.services.programmes.currentRuntime(programmeId);
  const form = runtime.programme.taskForms.find((f) => f.ref.id === taskFormId);
  if (!form) throw new Error(`${programmeId} has no task form ${taskFormId}`);
  return uploadFormAttachments(app, client, { purpose: 'task', applicationId, formId: taskFormId, schema: form.schema }, data);
}

function setAt(target: Record<string, unknown>, pointer: string, value: string): void {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop()!;
  let node: unknown = target;
  for (const segment of segments) node = (node as Record<string, unknown>)[segment];
  (node as Record<string, unknown>)[last] = value;
}
