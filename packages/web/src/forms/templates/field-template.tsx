import { Templates as AntdTemplates } from '@rjsf/antd';
import type { FieldTemplateProps } from '@rjsf/utils';

const AntdFieldTemplate = AntdTemplates.FieldTemplate!;

/**
 * The antd field template, except that the section's own description is not repeated under the whole form: the
 * grid object template already shows it at the top, where an applicant reads it first.
 */
export function SectionFieldTemplate(props: FieldTemplateProps) {
  if (props.fieldPathId.path.length === 0) return <AntdFieldTemplate {...props} rawDescription={undefined} />;
  return <AntdFieldTemplate {...props} />;
}
