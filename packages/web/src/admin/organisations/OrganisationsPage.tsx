import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { graphqlRequest } from '../../api/graphql-client.ts';
import { useQuery } from '../../api/use-graphql.ts';
import { PageHead } from '../../app/AppShell.tsx';
import { categoryIdOf, createUnitMutation, programmeUnitsQuery, updateUnitMutation, type AdminOrganisation, type UnitPatch } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { ProgrammePicker } from '../ProgrammePicker.tsx';
import { UnitFormModal, type UnitValues } from './UnitFormModal.tsx';

const allCategories = '*';

const categoryKey = categoryIdOf;

/** Reviewing units of one programme, filtered by category, with create and edit. */
export default function OrganisationsPage() {
  const { t, pick } = useAdminText();
  const { message } = App.useApp();
  const [programmeId, setProgrammeId] = useState<string | undefined>(undefined);
  const [category, setCategory] = useState<string>(allCategories);
  const [editing, setEditing] = useState<{ unit: AdminOrganisation | undefined } | undefined>(undefined);
  const { data, error, loading, refetch } = useQuery<{ categories: AdminOrganisation[]; units: AdminOrganisation[] }>(programmeUnitsQuery, { programmeId: programmeId ?? '' }, { skip: !programmeId });

  const categories = data?.categories ?? [];
  const units = useMemo(() => (data?.units ?? []).filter((unit) => category === allCategories || unit.category === category), [data, category]);
  const categoryName = (id: string | null) => categories.find((c) => categoryKey(c) === id)?.name ?? id ?? t('common.none');
  const countIn = (id: string) => (data?.units ?? []).filter((unit) => unit.category === id).length;

  const save = async (values: UnitValues) => {
    if (!programmeId) return;
    if (editing?.unit) {
      const input: UnitPatch = { name: values.name, programmeId, category: values.category };
      if (values.contacts) input.contacts = values.contacts;
      if (values.contactsFromNotice) input.contactsFromNotice = true;
      await graphqlRequest(updateUnitMutation, { id: editing.unit.id, input });
    } else {
      await graphqlRequest(createUnitMutation, { input: { ...values, programmeId } });
    }
    setEditing(undefined);
    void message.success(t('orgs.saved'));
    await refetch();
  };

  return (
    <>
      <PageHead title={t('orgs.title')} subtitle={t('orgs.subtitle')} />
      <Card>
        <Space wrap size={16} style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
          <ProgrammePicker value={programmeId} selectFirst onChange={(id) => { setProgrammeId(id); setCategory(allCategories); }} />
          <Button type="primary" icon={<PlusOutlined />} disabled={!programmeId || categories.length === 0} onClick={() => setEditing({ unit: undefined })}>
            {t('orgs.create')}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} />}
        {categories.length > 0 && (
          <Segmented
            style={{ marginBottom: 16, flexWrap: 'wrap' }}
            value={category}
            onChange={(value) => setCategory(String(value))}
            options={[
              { value: allCategories, label: `${t('orgs.allCategories')} (${data?.units.length ?? 0})` },
              ...categories.map((c) => ({ value: categoryKey(c), label: `${c.name} (${countIn(categoryKey(c))})` })),
            ]}
          />
        )}
        {category !== allCategories && (
          <CategoryFacts category={categories.find((c) => categoryKey(c) === category)} />
        )}
        <Table<AdminOrganisation>
          size="small"
          rowKey="id"
          loading={loading && Boolean(programmeId)}
          dataSource={units}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('orgs.empty')} /> }}
          columns={[
            { title: t('orgs.name'), dataIndex: 'name' },
            { title: t('orgs.category'), render: (_v, unit) => categoryName(unit.category) },
            {
              title: t('orgs.contacts'),
              render: (_v, unit) => (
                <>
                  {unit.contacts.length === 0 && t('common.none')}
                  {/* One contact a line, never broken inside a phone number. */}
                  {unit.contacts.map((contact, i) => <div key={i} style={{ whiteSpace: 'nowrap' }}>{contact.name} {contact.phone}</div>)}
                  {unit.contactsEdited && <Tag color="orange">{t('orgs.contactsEdited')}</Tag>}
                </>
              ),
            },
            { title: t('orgs.id'), render: (_v, unit) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{unit.id}</Typography.Text> },
            { title: '', width: 90, render: (_v, unit) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ unit })}>{t('common.edit')}</Button> },
          ]}
        />
      </Card>
      <UnitFormModal
        open={editing !== undefined}
        unit={editing?.unit}
        categories={categories}
        defaultCategory={category === allCategories ? undefined : category}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}

function CategoryFacts({ category }: { category: AdminOrganisation | undefined }) {
  const { t } = useAdminText();
  if (!category) return null;
  return (
    <Space size={16} style={{ marginBottom: 12 }}>
      {category.role && <span>{t('orgs.role')}：<Tag>{category.role}</Tag></span>}
      {category.quota !== null && <span>{t('orgs.quota')}：{category.quota}</span>}
    </Space>
  );
}
