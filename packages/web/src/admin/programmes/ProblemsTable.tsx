import { Table, Typography } from 'antd';
import type { ProgrammeProblem } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';

/** Where a problem is: a JSON pointer inside the file, a BPMN element, or both. */
function locationOf(problem: ProgrammeProblem): string {
  return [problem.pointer, problem.element].filter((part): part is string => Boolean(part)).join(' · ');
}

/**
 * Every problem the programme check found, one row each: file, place in the file, kind, and the message in the
 * chosen language (the Chinese one is what the notice's authors read). Not paginated: a folder is fixed from the
 * whole list at once.
 */
export function ProblemsTable({ problems }: { problems: ProgrammeProblem[] }) {
  const { t, pick } = useAdminText();
  return (
    <Table<ProgrammeProblem & { key: number }>
      size="small"
      pagination={false}
      dataSource={problems.map((problem, index) => ({ ...problem, key: index }))}
      locale={{ emptyText: t('problems.empty') }}
      columns={[
        { title: '#', width: 48, render: (_value, _row, index) => index + 1 },
        { title: t('problems.file'), dataIndex: 'file', width: 220, render: (file: string) => <Typography.Text code>{file}</Typography.Text> },
        { title: t('problems.location'), width: 240, render: (_value, problem) => <Typography.Text code style={{ wordBreak: 'break-all' }}>{locationOf(problem) || t('common.none')}</Typography.Text> },
        { title: t('problems.message'), render: (_value, problem) => pick(problem.message) },
        { title: t('problems.code'), dataIndex: 'code', width: 200, render: (code: string) => <Typography.Text type="secondary">{code}</Typography.Text> },
      ]}
    />
  );
}
