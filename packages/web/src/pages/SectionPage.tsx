import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Card, Menu, Skeleton } from 'antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { ApiError } from '../api/api-error.ts';
import { graphqlOrganisationSource } from '../api/organisations.ts';
import { loadApplicationForEditing, saveSection, sectionSnapshot, type ApplicationForEditing } from '../api/sections.ts';
import { PageHead } from '../app/AppShell.tsx';
import { sectionErrors } from '../forms/engine-adapter.ts';
import { SectionForm, type SectionSnapshot } from '../forms/SectionForm.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';

/** One section of an application: the section menu on the left, the generated form on the right. */
export default function SectionPage({ applicationId, sectionId }: { applicationId: string; sectionId: string }) {
  const { t, pick } = useI18n();
  const { navigate } = useRouter();
  const [application, setApplication] = useState<ApplicationForEditing | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    loadApplicationForEditing(applicationId).then(
      (loaded) => live && setApplication(loaded),
      (caught: unknown) => live && setError(caught instanceof ApiError ? pick(caught.messages) : String(caught)),
    );
    return () => {
      live = false;
    };
  }, [applicationId, pick]);

  const section = application?.programme.sections.find((candidate) => candidate.id === sectionId);
  const organisations = useMemo(() => (application ? graphqlOrganisationSource(application.programmeId) : undefined), [application]);
  const upload = useMemo(() => ({ purpose: 'application', applicationId }), [applicationId]);

  const save = useCallback(
    async (data: Record<string, unknown>, version: number): Promise<SectionSnapshot> => {
      const saved = await saveSection(applicationId, sectionId, data, version);
      return { ...saved, errors: sectionErrors(saved.errors ?? {}, sectionId) };
    },
    [applicationId, sectionId],
  );
  const reload = useCallback(async () => sectionSnapshot(await loadApplicationForEditing(applicationId), sectionId), [applicationId, sectionId]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!application) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!section) return <Alert type="error" showIcon title={t('common.notFound.title')} />;

  return (
    <>
      <PageHead title={pick(application.programme.titleText)} subtitle={application.number} />
      <div className="sb-section-layout">
        <Card className="sb-section-nav" styles={{ body: { padding: 8 } }}>
          <Menu
            mode="inline"
            selectedKeys={[sectionId]}
            style={{ border: 0 }}
            items={application.programme.sections.map((candidate) => ({ key: candidate.id, label: pick(candidate.titleText) || candidate.title }))}
            onClick={({ key }) => navigate(`/applications/${encodeURIComponent(applicationId)}/sections/${encodeURIComponent(key)}`)}
          />
        </Card>
        <Card title={pick(section.titleText) || section.title}>
          <SectionForm
            key={section.id}
            schema={section.schema as RJSFSchema}
            uiSchema={(section.ui ?? undefined) as UiSchema | undefined}
            initial={sectionSnapshot(application, sectionId)}
            application={{ number: application.number, status: application.status }}
            save={save}
            reload={reload}
            readonly={application.frozen}
            upload={upload}
            {...(organisations ? { organisations } : {})}
          />
        </Card>
      </div>
    </>
  );
}
