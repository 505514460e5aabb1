import type { ReactNode } from 'react';
import type { SectionDefinition } from '../api/sections.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { EarlierSteps, earlierSteps, stepAnchor } from './EarlierSteps.tsx';
import { ReadOnlySections } from './ReadOnlySections.tsx';
import { ReviewContents, type ContentsEntry } from './ReviewContents.tsx';
import { useReviewRecord } from './use-review-record.ts';

/** A block of the review page besides sections and steps (prints and scans, history), listed in the contents too. */
export interface ReviewExtra {
  id: string;
  title: string;
  node: ReactNode;
}

/**
 * Everything before a decision, to read: a contents list, every section as a document, the extras (the prints with
 * the applicant's stamped scan and its version), then every earlier step with its form and files.
 */
export function ReviewDocument({ applicationId, programme, data, exceptTaskId, showSteps = true, extras = [], after = [] }: {
  applicationId: string;
  programme: { id: string; sections: SectionDefinition[]; taskForms: SectionDefinition[]; outcomes: Record<string, unknown> };
  data: Record<string, Record<string, unknown>>;
  /** The reader's own task, which the page shows as its decision. */
  exceptTaskId?: string;
  /** Reviewers read the earlier steps; the applicant's own page leaves the units' internal forms out. */
  showSteps?: boolean;
  extras?: ReviewExtra[];
  after?: ReviewExtra[];
}) {
  const { t, pick } = useI18n();
  const record = useReviewRecord(applicationId, programme.id);
  const steps = showSteps ? earlierSteps(record.steps, exceptTaskId) : [];
  const entries: ContentsEntry[] = [
    ...programme.sections.map((section) => ({ id: `section-${section.id}`, title: pick(section.titleText) || section.title })),
    ...extras.map(({ id, title }) => ({ id, title })),
    ...steps.map((step) => ({ id: stepAnchor(step), title: `${t('review.step.prefix')}${step.name}` })),
    ...after.map(({ id, title }) => ({ id, title })),
  ];
  return (
    <div className="sb-review-document" data-testid="review-document">
      <ReviewContents entries={entries} />
      <ReadOnlySections sections={programme.sections} data={data} lookups={record.lookups} />
      {extras.map((extra) => <div key={extra.id} id={extra.id}>{extra.node}</div>)}
      {steps.length > 0 && <EarlierSteps steps={steps} taskForms={programme.taskForms} outcomes={programme.outcomes} lookups={record.lookups} />}
      {after.map((extra) => <div key={extra.id} id={extra.id}>{extra.node}</div>)}
    </div>
  );
}
