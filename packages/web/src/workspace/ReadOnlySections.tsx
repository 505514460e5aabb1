import { useMemo } from 'react';
import { Card } from 'antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { graphqlOrganisationSource } from '../api/organisations.ts';
import type { SectionDefinition } from '../api/sections.ts';
import { SectionForm } from '../forms/SectionForm.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Every section of an application, read-only, in the programme's order: the same generated forms the applicant
 * filled, so reviewers see each value where the applicant put it (attachments open in the browser).
 */
export function ReadOnlySections({ programmeId, sections, data, application }: {
  programmeId: string;
  sections: SectionDefinition[];
  data: Record<string, Record<string, unknown>>;
  application: Record<string, unknown>;
}) {
  const { pick } = useI18n();
  // Organisation fields show the unit's name, which comes from the programme's unit list.
  const organisations = useMemo(() => graphqlOrganisationSource(programmeId), [programmeId]);
  return (
    <>
      {sections.map((section) => (
        <Card key={section.id} id={`section-${section.id}`} title={pick(section.titleText) || section.title} className="sb-readonly-section" style={{ marginBottom: 16 }}>
          <SectionForm
            schema={section.schema as RJSFSchema}
            uiSchema={(section.ui ?? undefined) as UiSchema | undefined}
            initial={{ data: data[section.id] ?? {}, version: 0 }}
            application={application}
            readonly
            organisations={organisations}
          />
        </Card>
      ))}
    </>
  );
}
