/**
 * A visual check of the generated section form against a real programme folder, for screenshots and manual
 * testing without a server: `pnpm --filter @shenbao/web exec vite` then open /test/preview/form-preview.html.
 * Saving and uploading are simulated here; this page is not part of the built app.
 */
import { createRoot } from 'react-dom/client';
import { App as AntdApp, Card, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import programme from '../../../../programmes/sd-maker-home-2020/programme.json';
import schema from '../../../../programmes/sd-maker-home-2020/forms/service.schema.json';
import ui from '../../../../programmes/sd-maker-home-2020/forms/service.ui.json';
import attachmentsSchema from '../../../../programmes/sd-maker-home-2020/forms/attachments.schema.json';
import attachmentsUi from '../../../../programmes/sd-maker-home-2020/forms/attachments.ui.json';
import { I18nProvider } from '../../src/i18n/i18n.tsx';
import { SectionForm } from '../../src/forms/SectionForm.tsx';
import { theme } from '../../src/app/theme.ts';
import type { OrganisationSource } from '../../src/api/organisations.ts';
import '../../src/app/app.css';

const organisations: OrganisationSource = async (role) => {
  const categories = programme.organisations.categories.filter((c) => c.role === role);
  const ids = new Set(categories.map((c) => c.id));
  return {
    categories: categories.map((c) => ({ id: c.id, title: c.title })),
    units: programme.organisations.units.filter((u) => ids.has(u.category)).map((u) => ({ id: u.id, name: u.title, category: u.category, contacts: [] })),
  };
};

const errors = { '/mobile': [{ zh: '请输入正确的11位手机号', en: 'Enter a valid mobile number' }] };

createRoot(document.getElementById('root')!).render(
  <I18nProvider initialLanguage="zh">
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntdApp>
        <div style={{ maxWidth: 960, margin: '24px auto', display: 'grid', gap: 24 }}>
          <Card title="创新创业服务">
            <SectionForm
              schema={schema as RJSFSchema}
              uiSchema={ui as UiSchema}
              initial={{ data: { platformName: '示例众创空间', mobile: '1390000', independentLegalPerson: '是', demoBase: '否' }, version: 1 }}
              errors={errors}
              save={async (data, version) => ({ data, version: version + 1 })}
              organisations={organisations}
              autosaveDelayMs={0}
            />
          </Card>
          <Card title="附件">
            <SectionForm
              schema={attachmentsSchema as RJSFSchema}
              uiSchema={attachmentsUi as UiSchema}
              initial={{ data: { items: [{ name: '场地租赁合同', file: 'att-1' }, { name: '' }] }, version: 1 }}
              save={async (data, version) => ({ data, version: version + 1 })}
              autosaveDelayMs={0}
            />
          </Card>
        </div>
      </AntdApp>
    </ConfigProvider>
  </I18nProvider>,
);
