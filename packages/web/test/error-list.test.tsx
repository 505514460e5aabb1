import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { SectionDefinition } from '../src/api/sections.ts';
import { RouterProvider } from '../src/router/router.tsx';
import { ErrorList } from '../src/workspace/ErrorList.tsx';
import { renderWithI18n } from './render-helpers.tsx';

const sections: SectionDefinition[] = [{
  id: 'basic', title: '基础信息', titleText: '基础信息', ui: null,
  schema: { type: 'object', properties: { mentors: { title: '导师人数', type: 'integer' }, resident: { title: '常驻导师人数', type: 'integer' } } },
}];
const hard = { id: 'mentors', severity: 'hard', passed: false, message: { zh: '常驻导师人数不能多于导师人数。', en: 'x' }, fields: ['/basic/resident'] };
const soft = { id: 'founding', severity: 'soft', passed: false, message: { zh: '本空间未填写依托单位，请确认', en: 'y' }, fields: ['/basic/mentors'] };

describe('the precheck list', () => {
  it('names each field by its title with a link to it, and tells hard failures from soft reminders', () => {
    const { container } = renderWithI18n(
      <RouterProvider><ErrorList applicationId="a1" sections={sections} errors={{ '/basic/mentors': [{ zh: '必填项', en: 'Required' }] }} rules={[hard, soft]} /></RouterProvider>,
    );
    // Once in the field errors, once in the soft rule's fields.
    const links = screen.getAllByRole('link', { name: '导师人数' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(Array(2).fill('/applications/a1/sections/basic?field=%2Fbasic%2Fmentors'));
    expect(screen.getByRole('link', { name: '常驻导师人数' }).getAttribute('href')).toBe('/applications/a1/sections/basic?field=%2Fbasic%2Fresident');
    expect(container.textContent).not.toContain('/basic/');
    const hardAlert = container.querySelector('[data-severity="hard"]')!;
    const softAlert = container.querySelector('[data-severity="soft"]')!;
    expect(hardAlert.classList.contains('ant-alert-error')).toBe(true);
    expect(hardAlert.textContent).toContain('不符合申报要求');
    expect(softAlert.classList.contains('ant-alert-warning')).toBe(true);
    expect(softAlert.textContent).toContain('请核对');
    expect(container.textContent).not.toContain('可以提交');
  });

  it('shows the all-clear beside soft reminders: they do not block', () => {
    const { container } = renderWithI18n(<RouterProvider><ErrorList applicationId="a1" sections={sections} errors={{}} rules={[soft, { ...hard, passed: true }]} /></RouterProvider>);
    expect(container.querySelector('.ant-alert-success')?.textContent).toContain('可以提交');
    expect(container.querySelectorAll('[data-severity]')).toHaveLength(1);
  });
});
