/**
 * Test steps for the print → stamp → submit part of a scenario: request a print through the API, wait for the render
 * queue to finish it, upload a "stamped scan" (a small real PDF) and register it against that version.
 */
import type { FastifyInstance } from 'fastify';
import { ok, type TestClient } from './programme-app.ts';

export interface PrintJobView {
  id: string;
  status: 'queued' | 'rendering' | 'done' | 'failed';
  version: string | null;
  attachmentId: string | null;
  error: string | null;
}

export const PRINT_JOB_FIELDS = 'id status version attachmentId error';

/** A minimal one-page PDF, enough for the file-type sniffing of a stamped-scan upload. */
export const STAMPED_SCAN_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Multipart body for POST /api/files. */
export function multipartUpload(fields: Record<string, string>, file: { name: string; bytes: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----sbprint${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Requests a print and returns the queued job. */
export async function requestPrint(client: TestClient, applicationId: string, printId: string, taskId?: string): Promise<PrintJobView> {
  return ok(await client.gql<{ requestPrint: PrintJobView }>(
    `mutation($a: ID!, $p: String!, $t: ID) { requestPrint(applicationId: $a, printId: $p, taskId: $t) { ${PRINT_JOB_FIELDS} } }`,
    { a: applicationId, p: printId, t: taskId ?? null })).requestPrint;
}

/** Polls printJob until it is done or failed (the in-process worker renders it). */
export async function waitForPrintJob(client: TestClient, jobId: string, timeoutMs = 60_000): Promise<PrintJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = ok(await client.gql<{ printJob: PrintJobView }>(`query($id: ID!) { printJob(id: $id) { ${PRINT_JOB_FIELDS} } }`, { id: jobId })).printJob;
    if (job.status === 'done' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`print job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads a file with purpose `stamped-scan` for the application and returns its attachment id. */
export async function uploadStampedScanFile(app: FastifyInstance, client: TestClient, applicationId: string, bytes: Buffer = STAMPED_SCAN_PDF): Promise<string> {
  const body = multipartUpload({ purpose: 'stamped-scan', applicationId }, { name: '盖章扫描件.pdf', bytes });
  const response = await app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, ...client.headers() } });
  if (response.statusCode !== 201) throw new Error(`stamped-scan upload failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

/**
 * The whole paper round trip for one print: print it, wait for the PDF, upload a stamped scan and register it for
 * that version. Returns the version and the attachment ids (the PDF and the scan).
 */
export async function printAndStamp(app: FastifyInstance, client: TestClient, applicationId: string, printId: string): Promise<{ version: string; pdfAttachmentId: string; scanAttachmentId: string }> {
  const queued = await requestPrint(client, applicationId, printId);
  const job = await waitForPrintJob(client, queued.id);
  if (job.status !== 'done' || !job.version || !job.attachmentId) throw new Error(`print ${printId} failed: ${job.error ?? 'no version'}`);
  const scanAttachmentId = await uploadStampedScanFile(app, client, applicationId);
  ok(await client.gql(
    'mutation($a: ID!, $p: String!, $v: String!, $f: ID!) { uploadStampedScan(applicationId: $a, printId: $p, version: $v, attachmentId: $f) { id } }',
    { a: applicationId, p: printId, v: job.version, f: scanAttachmentId }));
  return { version: job.version, pdfAttachmentId: job.attachmentId, scanAttachmentId };
}
