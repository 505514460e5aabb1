import { Card, Menu, Progress } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, FileSearchOutlined, MinusCircleOutlined } from '@ant-design/icons';
import type { SectionDefinition } from '../api/sections.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';

export const reviewKey = '__review';

const markIcon = {
  done: <CheckCircleFilled style={{ color: '#2e7d32' }} />,
  errors: <ExclamationCircleFilled style={{ color: '#d4380d' }} />,
  empty: <MinusCircleOutlined style={{ color: '#6b7280' }} />,
};

/**
 * The application's left-hand menu: how many sections are complete (a progress bar over all of them), each section
 * with its completion mark, then 核对并提交 (review and submit).
 */
export function WorkspaceNav({ applicationId, sections, selected, marks }: {
  applicationId: string;
  sections: SectionDefinition[];
  selected: string;
  marks: Record<string, 'done' | 'errors' | 'empty'> | undefined;
}) {
  const { t, pick } = useI18n();
  const { navigate } = useRouter();
  const base = `/applications/${encodeURIComponent(applicationId)}`;
  const done = sections.filter((section) => marks?.[section.id] === 'done').length;
  return (
    <Card className="sb-section-nav" styles={{ body: { padding: 8 } }}>
      {marks && (
        <div className="sb-progress" data-testid="section-progress" data-done={done} data-total={sections.length}>
          <span>{t('workspace.progress', { done, total: sections.length })}</span>
          <Progress percent={sections.length > 0 ? Math.round((done / sections.length) * 100) : 0} showInfo={false} size="small" aria-label={t('workspace.progress', { done, total: sections.length })} />
        </div>
      )}
      <Menu
        mode="inline"
        selectedKeys={[selected]}
        style={{ border: 0 }}
        items={[
          ...sections.map((section) => {
            const mark = marks?.[section.id];
            return {
              key: section.id,
              icon: mark ? markIcon[mark] : undefined,
              // The whole title on hover too: long section names wrap (app.css) rather than end in an ellipsis.
              label: <span className="sb-section-nav__title" title={`${pick(section.titleText) || section.title}${mark ? ` · ${t(`workspace.mark.${mark}`)}` : ''}`} data-mark={mark}>{pick(section.titleText) || section.title}</span>,
            };
          }),
          { type: 'divider' as const },
          { key: reviewKey, icon: <FileSearchOutlined />, label: t('workspace.reviewAndSubmit') },
        ]}
        onClick={({ key }) => navigate(key === reviewKey ? `${base}/review` : `${base}/sections/${encodeURIComponent(key)}`)}
      />
    </Card>
  );
}
