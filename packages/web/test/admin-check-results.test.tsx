import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ProblemsTable } from '../src/admin/programmes/ProblemsTable.tsx';
import type { ProgrammeProblem } from '../src/admin/admin-api.ts';
import { renderWithI18n } from './render-helpers.tsx';

const problems: ProgrammeProblem[] = [
  {
    file: 'forms/basic.schema.json',
    pointer: '/properties/budget/x-computed',
    element: null,
    code: 'SB_CHECK_FEEL',
    message: { zh: '表达式无法解析：缺少右括号', en: 'The expression does not parse: missing )' },
  },
  {
    file: 'flow.bpmn',
    pointer: null,
    element: 'Task_cityReview',
    code: 'SB_CHECK_FLOW_ROLE',
    message: { zh: '任务的角色 city 未在 programme.json 中定义', en: 'Role city of the task is not defined in programme.json' },
  },
];

describe('ProblemsTable (programme check results)', () => {
  it('shows one row per problem with its file, location and Chinese message', () => {
    renderWithI18n(<ProblemsTable problems={problems} />);
    const rows = screen.getAllByRole('row').slice(1); // header first
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('forms/basic.schema.json')).toBeTruthy();
    expect(first.getByText('/properties/budget/x-computed')).toBeTruthy();
    expect(first.getByText('表达式无法解析：缺少右括号')).toBeTruthy();
    const second = within(rows[1]!);
    expect(second.getByText('flow.bpmn')).toBeTruthy();
    expect(second.getByText('Task_cityReview')).toBeTruthy();
    expect(second.getByText('SB_CHECK_FLOW_ROLE')).toBeTruthy();
    expect(screen.getByText('问题说明')).toBeTruthy();
  });

  it('shows the English message and headers in English', () => {
    renderWithI18n(<ProblemsTable problems={problems} />, 'en');
    expect(screen.getByText('The expression does not parse: missing )')).toBeTruthy();
    expect(screen.queryByText('表达式无法解析：缺少右括号')).toBeNull();
    expect(screen.getByText('Problem')).toBeTruthy();
  });

  it('joins pointer and element when a problem has both', () => {
    renderWithI18n(<ProblemsTable problems={[{ ...problems[1]!, pointer: '/extensionElements/0' }]} />);
    expect(screen.getByText('/extensionElements/0 · Task_cityReview')).toBeTruthy();
  });

  it('says so when there is nothing to fix', () => {
    renderWithI18n(<ProblemsTable problems={[]} />);
    expect(screen.getByText('未发现问题')).toBeTruthy();
  });
});
