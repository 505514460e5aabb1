import { useEffect, useState } from 'react';
import { loadReviewRecord, loadUnitNames, type ReviewStep } from '../api/review.ts';
import type { DocumentLookups } from './FormDocument.tsx';

export interface ReviewRecordView {
  lookups: DocumentLookups;
  /** Every step of the flow so far, in the order they opened. */
  steps: ReviewStep[];
}

/**
 * File and unit names for the documents of one application, and its steps with their forms. Until they arrive (or if
 * they cannot be read) the documents still show every value, with a generic file label; names fill in when loaded.
 * `reloadKey` reads them again (e.g. after a scan was uploaded).
 */
export function useReviewRecord(applicationId: string, programmeId: string, reloadKey: unknown = 0): ReviewRecordView {
  const [view, setView] = useState<ReviewRecordView>({ lookups: { fileNames: {}, unitNames: {} }, steps: [] });
  useEffect(() => {
    let live = true;
    void Promise.allSettled([loadReviewRecord(applicationId), loadUnitNames(programmeId)]).then(([record, units]) => {
      if (!live) return;
      setView({
        lookups: {
          fileNames: record.status === 'fulfilled' ? Object.fromEntries(record.value.files.map((f) => [f.id, f.name])) : {},
          unitNames: units.status === 'fulfilled' ? units.value : {},
        },
        steps: record.status === 'fulfilled' ? record.value.steps : [],
      });
    });
    return () => {
      live = false;
    };
  }, [applicationId, programmeId, reloadKey]);
  return view;
}
