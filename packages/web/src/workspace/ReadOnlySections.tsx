import { Card } from 'antd';
import type { SectionDefinition } from '../api/sections.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormDocument, type DocumentLookups } from './FormDocument.tsx';

/**
 * Every section of an application, read-only, in the programme's order, as a document (label and value, tables as
 * tables, files by name) rather than disabled inputs. Each card is an anchor (`section-<id>`) for the contents list.
 */
export function ReadOnlySections({ sections, data, lookups }: {
  sections: SectionDefinition[];
  data: Record<string, Record<string, unknown>>;
  lookups: DocumentLookups;
}) {
  const { pick } = useI18n();
  return (
    <>
      {sections.map((section) => (
        <Card key={section.id} id={`section-${section.id}`} title={pick(section.titleText) || section.title} className="sb-readonly-section" style={{ marginBottom: 16 }}>
          <FormDocument schema={section.schema} ui={section.ui} data={data[section.id]} lookups={lookups} />
        </Card>
      ))}
    </>
  );
}
