import { Templates as AntdTemplates } from '@rjsf/antd';
import type { FieldTemplateProps } from '@rjsf/utils';

const AntdFieldTemplate = AntdTemplates.FieldTemplate!;

const sameText = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The antd field template with three changes:
 * - the section's own description is not repeated under the whole form: the grid object template already shows it
 *   at the top, where an applicant reads it first;
 * - a `ui:help` that says the same as the schema's `description` is shown once (programme folders carry the
 *   guidance in both, and antd printed it twice under the text areas — issue 13 item 9);
 * - a field's errors are shown beside its help: antd's template shows the help *instead of* the errors, so a field
 *   with guidance never showed why it was refused.
 */
export function SectionFieldTemplate(props: FieldTemplateProps) {
  if (props.fieldPathId.path.length === 0) return <AntdFieldTemplate {...props} rawDescription={undefined} />;
  const { rawHelp, rawDescription, rawErrors, errors, help } = props;
  if (rawHelp && rawDescription && sameText(rawHelp, rawDescription)) {
    return <AntdFieldTemplate {...props} rawHelp={undefined} help={undefined} />;
  }
  if (rawHelp && rawErrors && rawErrors.length > 0) {
    return <AntdFieldTemplate {...props} help={<>{errors}{help}</>} />;
  }
  return <AntdFieldTemplate {...props} />;
}
