import { Card, Menu } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, FileSearchOutlined, MinusCircleOutlined } from '@ant-design/icons';
import type { SectionDefinition } from '../api/sections.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';

export const reviewKey = '__review';

const markIcon = {
  done: <CheckCircleFilled style={{ color: '#2e7d32' }} />,
  errors: <ExclamationCircleFilled style={{ color: '#d4380d' }} />,
  empty: <MinusCircleOutlined style={{ color: '#9aa3ad' }} />,
};

/** The application's left-hand menu: each section with its completion mark, then 核对并提交 (review and submit). */
export function WorkspaceNav({ applicationId, sections, selected, marks }: {
  applicationId: string;
  sections: SectionDefinition[];
  selected: string;
  marks: Record<string, 'done' | 'errors' | 'empty'> | undefined;
}) {
  const { t, pick } = useI18n();
  const { navigate } = useRouter();
  const base = `/applications/${encodeURIComponent(applicationId)}`;
  return (
    <Card className="sb-section-nav" styles={{ body: { padding: 8 } }}>
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
              label: <span title={mark ? t(`workspace.mark.${mark}`) : undefined} data-mark={mark}>{pick(section.titleText) || section.title}</span>,
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
