import type { ReactNode } from 'react';
import { Alert } from 'antd';
import type { SectionDefinition } from '../api/sections.ts';
import { errorsBySection, isHardRule, type RuleResult } from '../api/workspace.ts';
import type { FormErrors } from '../forms/engine-adapter.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { fieldLabel } from './field-labels.ts';

/** Where a field lives: its section page, told which field to scroll to (FieldJump). */
export function fieldHref(applicationId: string, pointer: string): string {
  const sectionId = pointer.split('/')[1] ?? '';
  return `/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(sectionId)}?field=${encodeURIComponent(pointer)}`;
}

/**
 * What stands between the applicant and submitting: every field that must change, by its title, each a link to the
 * field on its section's page, and the eligibility rules that failed. Hard rules block (red); soft rules (请核对) are
 * questions to check, shown in amber beside an all-clear when nothing else blocks. `pending` is what still blocks
 * outside the fields (the stamped scan): shown instead of the all-clear, which would say 可以提交.
 */
export function ErrorList({ applicationId, sections, errors, rules, pending }: {
  applicationId: string;
  sections: SectionDefinition[];
  errors: FormErrors;
  rules: RuleResult[];
  pending?: ReactNode;
}) {
  const { t, pick, language } = useI18n();
  const grouped = errorsBySection(errors);
  const failed = rules.filter((rule) => !rule.passed);
  const hard = failed.filter(isHardRule);
  const soft = failed.filter((rule) => !isHardRule(rule));
  const title = (section: SectionDefinition) => pick(section.titleText) || section.title;
  const fieldLinks = (pointers: string[]) => pointers.map((pointer, index) => (
    <span key={pointer}>
      {index > 0 && '、'}
      <Link to={fieldHref(applicationId, pointer)}>{fieldLabel(sections, pointer, language, title).field || fieldLabel(sections, pointer, language, title).section}</Link>
    </span>
  ));
  return (
    <div className="sb-error-list" data-testid="precheck-problems">
      {grouped.size === 0 && hard.length === 0 && (pending ?? <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('workspace.precheck.allClear')} />)}
      {[...grouped.entries()].map(([sectionId, items]) => {
        const section = sections.find((candidate) => candidate.id === sectionId);
        return (
          <Alert
            key={sectionId}
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid={`precheck-section-${sectionId}`}
            title={
              <Link to={`/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(sectionId)}`}>
                {section ? title(section) : sectionId}：{t('workspace.precheck.fieldCount', { count: items.length })}
              </Link>
            }
            description={
              <ul className="sb-error-list__fields">
                {items.map((item) => (
                  <li key={item.pointer} data-pointer={item.pointer}>
                    <Link to={fieldHref(applicationId, item.pointer)}>{fieldLabel(sections, item.pointer, language, title).field || t('workspace.precheck.section')}</Link>
                    ：{item.messages.map((message) => pick(message)).join('；')}
                  </li>
                ))}
              </ul>
            }
          />
        );
      })}
      {hard.map((rule) => (
        <Alert
          key={rule.id}
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid={`precheck-rule-${rule.id}`}
          data-severity="hard"
          title={`${t('workspace.precheck.hardRule')}：${pick(rule.message)}`}
          description={rule.fields.length > 0 ? <>{t('workspace.precheck.fields')}：{fieldLinks(rule.fields)}</> : undefined}
        />
      ))}
      {soft.map((rule) => (
        <Alert
          key={rule.id}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid={`precheck-rule-${rule.id}`}
          data-severity="soft"
          title={`${t('workspace.precheck.softRule')}：${pick(rule.message)}`}
          description={<>{t('workspace.precheck.softHint')}{rule.fields.length > 0 && <>（{fieldLinks(rule.fields)}）</>}</>}
        />
      ))}
    </div>
  );
}
