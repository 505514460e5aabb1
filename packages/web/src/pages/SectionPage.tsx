import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Skeleton, Space } from 'antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { ApiError } from '../api/api-error.ts';
import { graphqlOrganisationSource } from '../api/organisations.ts';
import { loadApplicationForEditing, saveSection, sectionSnapshot, type ApplicationForEditing } from '../api/sections.ts';
import { loadPrecheck, precheckBlockers, sectionCompletion } from '../api/workspace.ts';
import { PageHead } from '../app/AppShell.tsx';
import { sectionErrors, type FormErrors } from '../forms/engine-adapter.ts';
import { sectionBackupKey } from '../forms/local-backup.ts';
import { SectionForm, type SectionSnapshot } from '../forms/SectionForm.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../router/router.tsx';
import { StatusBanner } from '../workspace/StatusBanner.tsx';
import { SectionGuide } from '../workspace/SectionGuide.tsx';
import { WorkspaceNav } from '../workspace/WorkspaceNav.tsx';

/** One section of an application: the section menu (with completion marks) on the left, the generated form on the right. */
export default function SectionPage({ applicationId, sectionId }: { applicationId: string; sectionId: string }) {
  const { t, pick } = useI18n();
  const { navigate } = useRouter();
  const [application, setApplication] = useState<ApplicationForEditing | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [precheckErrors, setPrecheckErrors] = useState<FormErrors | undefined>(undefined);
  const [revisions, setRevisions] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    loadApplicationForEditing(applicationId).then(
      (loaded) => {
        if (!live) return;
        setApplication(loaded);
        setRevisions(loaded.sectionRevisions);
      },
      (caught: unknown) => live && setError(caught instanceof ApiError ? pick(caught.messages) : String(caught)),
    );
    return () => {
      live = false;
    };
  }, [applicationId, pick]);

  // Completion marks come from the server's precheck, refreshed after every successful save.
  const refreshMarks = useCallback(() => {
    loadPrecheck(applicationId).then((result) => setPrecheckErrors(precheckBlockers(result)), () => undefined);
  }, [applicationId]);
  useEffect(refreshMarks, [refreshMarks]);

  const sections = application?.programme.sections;
  const section = sections?.find((candidate) => candidate.id === sectionId);
  const organisations = useMemo(() => (application ? graphqlOrganisationSource(application.programmeId) : undefined), [application]);
  const upload = useMemo(() => ({ purpose: 'section', applicationId, pointerPrefix: `/${sectionId}` }), [applicationId, sectionId]);
  const marks = useMemo(
    () => (sections ? sectionCompletion({ sectionRevisions: revisions }, sections.map((s) => s.id), precheckErrors) : undefined),
    [sections, revisions, precheckErrors],
  );

  const save = useCallback(
    async (data: Record<string, unknown>, version: number): Promise<SectionSnapshot> => {
      const saved = await saveSection(applicationId, sectionId, data, version);
      setRevisions((current) => ({ ...current, [sectionId]: saved.version }));
      refreshMarks();
      return { ...saved, errors: sectionErrors(saved.errors ?? {}, sectionId) };
    },
    [applicationId, sectionId, refreshMarks],
  );
  const reload = useCallback(async () => sectionSnapshot(await loadApplicationForEditing(applicationId), sectionId), [applicationId, sectionId]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!application || !sections) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!section) return <Alert type="error" showIcon title={t('common.notFound.title')} />;
  const index = sections.indexOf(section);
  const next = sections[index + 1];
  const base = `/applications/${encodeURIComponent(applicationId)}`;

  return (
    <>
      <PageHead title={pick(application.programme.titleText)} subtitle={`${t('workspace.number')}：${application.number}`} />
      <StatusBanner status={application.status} frozen={application.frozen} returnReason={application.returnReason} />
      <SectionGuide applicationId={applicationId} first={index === 0} />
      <div className="sb-section-layout">
        <WorkspaceNav applicationId={applicationId} sections={sections} selected={sectionId} marks={marks} />
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
            backupKey={sectionBackupKey(applicationId, section.id)}
            {...(organisations ? { organisations } : {})}
          />
          <Space style={{ marginTop: 16, display: 'flex', justifyContent: 'flex-end' }}>
            {next ? (
              <Button onClick={() => navigate(`${base}/sections/${encodeURIComponent(next.id)}`)}>{t('workspace.nextSection', { title: pick(next.titleText) || next.title })}</Button>
            ) : (
              <Button type="primary" onClick={() => navigate(`${base}/review`)}>{t('workspace.reviewAndSubmit')}</Button>
            )}
          </Space>
        </Card>
      </div>
    </>
  );
}
