import { Alert } from 'antd';
import type { SectionDefinition } from '../api/sections.ts';
import { errorsBySection, type RuleResult } from '../api/workspace.ts';
import type { FormErrors } from '../forms/engine-adapter.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';

/**
 * What stands between the applicant and submitting: field errors per section (each a link to the section) and the
 * eligibility rules that failed. Warnings are shown but do not block.
 */
export function ErrorList({ applicationId, sections, errors, rules }: {
  applicationId: string;
  sections: SectionDefinition[];
  errors: FormErrors;
  rules: RuleResult[];
}) {
  const { t, pick } = useI18n();
  const grouped = errorsBySection(errors);
  const failed = rules.filter((rule) => !rule.passed);
  if (grouped.size === 0 && failed.length === 0) return <Alert type="success" showIcon title={t('workspace.precheck.allClear')} />;
  return (
    <div className="sb-error-list" data-testid="precheck-problems">
      {[...grouped.entries()].map(([sectionId, items]) => {
        const section = sections.find((candidate) => candidate.id === sectionId);
        return (
          <Alert
            key={sectionId}
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={
              <Link to={`/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(sectionId)}`}>
                {section ? pick(section.titleText) || section.title : sectionId}：{t('workspace.precheck.fieldCount', { count: items.length })}
              </Link>
            }
            description={<ul>{items.map((item) => item.messages.map((message, index) => <li key={`${item.pointer}-${index}`}>{pick(message)}</li>))}</ul>}
          />
        );
      })}
      {failed.map((rule) => (
        <Alert key={rule.id} type={rule.severity === 'warning' ? 'warning' : 'error'} showIcon style={{ marginBottom: 8 }} title={pick(rule.message)} />
      ))}
    </div>
  );
}
