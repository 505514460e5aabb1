import { Card, Tag, Typography } from 'antd';
import type { ReviewStep } from '../api/review.ts';
import type { SectionDefinition } from '../api/sections.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormDocument, type DocumentLookups } from './FormDocument.tsx';
import { formatDateTime } from './format.ts';
import { outcomeLabel } from './outcome-labels.ts';

/** The anchor id of an earlier step's card. */
export const stepAnchor = (step: Pick<ReviewStep, 'id'>) => `step-${step.id}`;

/** The steps a later reader should see: finished ones with something to show (a form, an outcome or a reason). */
export function earlierSteps(steps: ReviewStep[], exceptTaskId?: string): ReviewStep[] {
  return steps.filter((step) => step.id !== exceptTaskId && step.status === 'completed' && step.kind !== 'revise');
}

/**
 * Every earlier step of the flow with what it decided and the form it filled (the on-site check, its signed scan, a
 * unit's recommendation letter), as documents: the province reads what the city and the district wrote.
 */
export function EarlierSteps({ steps, taskForms, outcomes, lookups }: {
  steps: ReviewStep[];
  taskForms: SectionDefinition[];
  outcomes: Record<string, unknown>;
  lookups: DocumentLookups;
}) {
  const { t, pick, language } = useI18n();
  return (
    <>
      {steps.map((step) => {
        const form = step.formKey ? taskForms.find((f) => f.id === step.formKey) : undefined;
        const unit = lookups.unitNames[step.organisationId] ?? '';
        return (
          <Card key={step.id} id={stepAnchor(step)} className="sb-review-step" style={{ marginBottom: 16 }} data-testid={`earlier-step-${step.definitionId}`}
            title={<>{step.name}{step.outcome && <Tag style={{ marginLeft: 8 }}>{pick(outcomeLabel(step.outcome, outcomes))}</Tag>}</>}>
            <p className="sb-review-step__meta">
              {[unit, step.completedAt ? formatDateTime(step.completedAt, language) : ''].filter(Boolean).join(' · ')}
            </p>
            {step.reason && <Typography.Paragraph><strong>{t('review.step.reason')}</strong>{step.reason}</Typography.Paragraph>}
            {form && step.data && Object.keys(step.data).length > 0 ? (
              <FormDocument schema={form.schema} ui={form.ui} data={step.data} lookups={lookups} />
            ) : (
              !step.reason && <Typography.Text type="secondary">{t('review.step.noForm')}</Typography.Text>
            )}
          </Card>
        );
      })}
    </>
  );
}
