import type { OrganisationSource } from '../api/organisations.ts';
import type { Uploader } from '../api/upload.ts';
import type { FieldStateStore } from './field-state-store.ts';

/**
 * What custom fields and widgets get through rjsf's `formContext`. Kept referentially stable for the life of a
 * form: a new formContext object would make every memoised field re-render.
 */
/** `pointerPrefix` turns a field's section-relative pointer into the one the server expects (`/<form id>`). */
export interface UploadTarget {
  purpose: string;
  applicationId?: string;
  pointerPrefix?: string;
}

export interface SectionFormContext {
  store: FieldStateStore;
  uploader: Uploader;
  /** Sent with each upload so the server can apply the field's limits and link the file. */
  upload: UploadTarget;
  organisations?: OrganisationSource;
  /** antd theme options read by @rjsf/antd templates. */
  rowGutter?: number;
}

export function sectionFormContext(formContext: unknown): SectionFormContext {
  return formContext as SectionFormContext;
}
