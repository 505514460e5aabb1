import { Card, Tabs } from 'antd';
import { PageHead } from '../../app/AppShell.tsx';
import { useAdminText } from '../admin-text.ts';
import { CreateReviewerForm } from './CreateReviewerForm.tsx';
import { ImportReviewersPanel } from './ImportReviewersPanel.tsx';

/** Reviewer accounts: one at a time, or the whole sheet the notice asks units to return. */
export default function ReviewersPage() {
  const { t } = useAdminText();
  return (
    <>
      <PageHead title={t('reviewers.title')} subtitle={t('reviewers.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'import', label: t('reviewers.import'), children: <ImportReviewersPanel /> },
            { key: 'create', label: t('reviewers.create'), children: <CreateReviewerForm /> },
          ]}
        />
      </Card>
    </>
  );
}
