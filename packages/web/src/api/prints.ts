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

/** The latest version of one document, whether it matches the data now, and whether this user may print a new one. */
export interface PrintState {
  latest: { version: string; attachmentId: string; printedAt: string } | null;
  matchesData: boolean;
  mayCreate: boolean;
}

export async function loadPrintState(applicationId: string, printId: string, taskId?: string): Promise<PrintState> {
  const result = await graphqlRequest<{ printState: PrintState }>(
    `query PrintState($applicationId: ID!, $printId: String!, $taskId: ID) {
      printState(applicationId: $applicationId, printId: $printId, taskId: $taskId) { latest { version attachmentId printedAt } matchesData mayCreate }
    }`,
    { applicationId, printId, taskId: taskId ?? null },
  );
  return result.printState;
}

/** A stamped scan uploaded back for a printed version (the applicant's, or a reviewing unit's own copy). */
export interface StampedScan {
  id: string;
  printId: string;
  version: string;
  attachmentId: string;
  organisationId: string | null;
  uploadedAt: string;
}

export async function loadStampedScans(applicationId: string): Promise<StampedScan[]> {
  const result = await graphqlRequest<{ stampedScans: StampedScan[] }>(
    'query StampedScans($applicationId: ID!) { stampedScans(applicationId: $applicationId) { id printId version attachmentId organisationId uploadedAt } }',
    { applicationId },
  );
  return result.stampedScans;
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
