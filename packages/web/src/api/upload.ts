import { ApiError, apiErrorFromPayload, clientErrorCodes, networkErrorMessage } from './api-error.ts';

export const filesEndpoint = '/api/files';

/** What POST /api/files answers. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  fileType: string;
}

export interface UploadFields {
  purpose: string;
  applicationId?: string;
  /** JSON pointer of the form field, so the server applies that field's limits from the programme. */
  fieldPointer?: string;
}

export interface UploadOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export type Uploader = (file: File, fields: UploadFields, options?: UploadOptions) => Promise<UploadedFile>;

/** The URL that shows an uploaded file in the browser (new tab) rather than downloading it. */
export function fileViewUrl(id: string): string {
  return `${filesEndpoint}/${encodeURIComponent(id)}?inline=1`;
}

/**
 * Uploads one file as multipart form data. XMLHttpRequest rather than fetch because only XHR reports upload
 * progress. Refusals (size, type, not allowed) come back as ApiError with the server's bilingual message.
 */
export const uploadFile: Uploader = (file, fields, options = {}) =>
  new Promise<UploadedFile>((resolve, reject) => {
    const form = new FormData();
    form.append('purpose', fields.purpose);
    if (fields.applicationId) form.append('applicationId', fields.applicationId);
    if (fields.fieldPointer) form.append('fieldPointer', fields.fieldPointer);
    // The file goes last: multipart parsers on the server read the fields before streaming the bytes.
    form.append('file', file, file.name);

    const request = new XMLHttpRequest();
    request.open('POST', filesEndpoint);
    request.withCredentials = true;
    request.responseType = 'text';
    request.setRequestHeader('accept', 'application/json');

    request.upload.onprogress = (event) => {
      if (event.lengthComputable && options.onProgress) options.onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(clientErrorCodes.network, networkErrorMessage));
    request.onabort = () => reject(new ApiError(clientErrorCodes.aborted, { zh: '上传已取消', en: 'Upload cancelled' }));
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300 && isUploadedFile(body)) {
        options.onProgress?.(1);
        resolve(body);
      } else {
        reject(apiErrorFromPayload(body, request.status));
      }
    };
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });

function isUploadedFile(value: unknown): value is UploadedFile {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && typeof record.name === 'string' && typeof record.size === 'number';
}
