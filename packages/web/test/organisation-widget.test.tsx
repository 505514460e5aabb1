import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { RJSFSchema } from '@rjsf/utils';
import { SectionForm } from '../src/forms/SectionForm.tsx';
import type { OrganisationSource } from '../src/api/organisations.ts';
import type { Uploader } from '../src/api/upload.ts';
import { renderWithI18n } from './render-helpers.tsx';

const neverUpload: Uploader = () => Promise.reject(new Error('no upload in this test'));

// Units as the Shanxi notice's 附件6 lists them: the applicant sees whom to call once a unit is chosen.
const organisations: OrganisationSource = async () => ({
  categories: [{ id: 'sx:city-bureau', title: '市科技局' }],
  units: [
    { id: 'sx-taiyuan-kjj', name: '太原市科技局', category: 'sx:city-bureau', contacts: [{ name: '康健', phone: '0351-4223750' }] },
    { id: 'js-gxcyzx', name: '江苏省高新技术创业服务中心', category: 'sx:city-bureau', contacts: [{ name: '康亚飞', phone: '025-83232116', note: { zh: '电子邮箱：jscxcybgs@163.com', en: 'e-mail: jscxcybgs@163.com' } }] },
    { id: 'sx-no-contact', name: '未列联系人的单位', category: 'sx:city-bureau', contacts: [] },
  ],
});

const schema: RJSFSchema = { type: 'object', properties: { recommender: { type: 'string', title: '推荐单位', 'x-organisation': { role: 'recommender' } } } as RJSFSchema['properties'] };

function renderWith(unit: string, language: 'zh' | 'en' = 'zh') {
  return renderWithI18n(<SectionForm schema={schema} initial={{ data: { recommender: unit }, version: 1 }} uploader={neverUpload} organisations={organisations} autosaveDelayMs={0} />, language);
}

describe('organisation widget: the chosen unit\'s contacts', () => {
  it('shows the contacts the notice lists for the chosen unit', async () => {
    renderWith('sx-taiyuan-kjj');
    expect(await screen.findByText('联系人：康健 0351-4223750')).toBeTruthy();
  });

  it('shows a contact\'s note in the chosen language', async () => {
    renderWith('js-gxcyzx', 'en');
    expect(await screen.findByText('Contact: 康亚飞 025-83232116（e-mail: jscxcybgs@163.com）')).toBeTruthy();
  });

  it('shows no contact line for a unit the notice lists none for', async () => {
    const { container } = renderWith('sx-no-contact');
    await screen.findByText('未列联系人的单位');
    expect(container.querySelector('.sb-organisation-contacts')).toBeNull();
  });
});
