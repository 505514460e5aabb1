import { graphqlRequest } from './graphql-client.ts';

/**
 * Prints (申报书) and stamped scans. A print is rendered by a server queue: request it, then poll the job until it is
 * done (the PDF is then an attachment) or failed.
 */
export type PrintJobStatus = 'queued' | 'rendering' | 'done' | 'failed';

export interface PrintJob {
  id: string;
  status: PrintJobStatus;
  version: string | null;
  attachmentId: string | null;
  // The renderer's own text (not translated); the page shows its own bilingual line with it.
  error: string | null;
}

const jobFields = 'id status version attachmentId error';

export async function requestPrint(applicationId: string, printId: string, taskId?: string): Promise<PrintJob> {
  const result = await graphqlRequest<{ requestPrint: PrintJob }>(
    `mutation RequestPrint($applicationId: ID!, $printId: String!, $taskId: ID) { requestPrint(applicationId: $applicationId, printId: $printId, taskId: $taskId) { ${jobFields} } }`,
    { applicationId, printId, taskId: taskId ?? null },
  );
  return result.requestPrint;
}

export async function loadPrintJob(id: string): Promise<PrintJob> {
  const result = await graphqlRequest<{ printJob: PrintJob }>(`query PrintJob($id: ID!) { printJob(id: $id) { ${jobFields} } }`, { id });
  return result.printJob;
}

/** Polls until the job is done or failed; `onUpdate` sees every state so the page can show queued → rendering → done. */
export async function waitForPrint(job: PrintJob, onUpdate: (job: PrintJob) => void, intervalMs = 800, signal?: AbortSignal): Promise<PrintJob> {
  let current = job;
  onUpdate(current);
  while (current.status === 'queued' || current.status === 'rendering') {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    if (signal?.aborted) return current;
    current = await loadPrintJob(current.id);
    onUpdate(current);
  }
  return current;
}

export async function uploadStampedScan(applicationId: string, printId: string, version: string, attachmentId: string): Promise<void> {
  await graphqlRequest(
    `mutation StampedScan($applicationId: ID!, $printId: String!, $version: String!, $attachmentId: ID!) {
      uploadStampedScan(applicationId: $applicationId, printId: $printId, version: $version, attachmentId: $attachmentId) { __typename }
    }`,
    { applicationId, printId, version, attachmentId },
  );
}

export const fileUrl = (id: string, inline = true) => `/api/files/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`;
