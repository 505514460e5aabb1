import { useState } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { ApiError, fieldErrorsOf } from '../../api/api-error.ts';
import { graphqlRequest } from '../../api/graphql-client.ts';
import { useQuery } from '../../api/use-graphql.ts';
import { categoryIdOf, createReviewerMutation, programmeUnitsQuery, type AdminOrganisation, type CreateReviewerInput, type ReviewerAccount } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { ProgrammePicker } from '../ProgrammePicker.tsx';

interface Values {
  mobile: string;
  name: string;
  title?: string;
  organisationId: string;
  initialPassword?: string;
}

/** Opens one reviewer account in a unit of the chosen programme; the initial password is shown once. */
export function CreateReviewerForm() {
  const { t, pick } = useAdminText();
  const [form] = Form.useForm<Values>();
  const [programmeId, setProgrammeId] = useState<string | undefined>(undefined);
  const [restrict, setRestrict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [created, setCreated] = useState<ReviewerAccount | undefined>(undefined);
  const units = useQuery<{ categories: AdminOrganisation[]; units: AdminOrganisation[] }>(programmeUnitsQuery, { programmeId: programmeId ?? '' }, { skip: !programmeId });
  const categoryName = (id: string | null) => units.data?.categories.find((c) => categoryIdOf(c) === id)?.name ?? '';

  const submit = async (values: Values) => {
    setSaving(true);
    setError(undefined);
    setCreated(undefined);
    const input: CreateReviewerInput = {
      mobile: values.mobile.trim(),
      name: values.name.trim(),
      organisationId: values.organisationId,
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      ...(values.initialPassword ? { initialPassword: values.initialPassword } : {}),
      ...(restrict && programmeId ? { programmeId } : {}),
    };
    try {
      const { createReviewer } = await graphqlRequest<{ createReviewer: ReviewerAccount }>(createReviewerMutation, { input });
      setCreated(createReviewer);
      form.resetFields(['mobile', 'name', 'title', 'initialPassword']);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : undefined;
      setError(apiError);
      const fields = fieldErrorsOf(apiError);
      form.setFields(Object.entries(fields).map(([pointer, messages]) => ({ name: pointer.split('/').filter(Boolean).pop() as keyof Values, errors: messages.map(pick) })));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(values) => void submit(values)}>
      <Form.Item label={t('common.programme')} required>
        <ProgrammePicker value={programmeId} selectFirst width={480} onChange={(id) => { setProgrammeId(id); form.setFieldValue('organisationId', undefined); }} />
      </Form.Item>
      <Form.Item name="organisationId" label={t('reviewers.unit')} rules={[{ required: true, message: t('reviewers.unitRequired') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.loading}
          options={(units.data?.units ?? []).map((unit) => ({ value: unit.id, label: `${unit.name}（${categoryName(unit.category)}）` }))}
        />
      </Form.Item>
      <Form.Item label={t('reviewers.programme')} extra={t('reviewers.programmeHint')}>
        <Select value={restrict ? 'only' : 'all'} onChange={(value) => setRestrict(value === 'only')} options={[{ value: 'all', label: t('common.allProgrammes') }, { value: 'only', label: t('reviewers.programme') }]} />
      </Form.Item>
      <Form.Item name="name" label={t('reviewers.name')} rules={[{ required: true, whitespace: true, message: t('reviewers.nameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="mobile" label={t('reviewers.mobile')} rules={[{ required: true, pattern: /^1\d{10}$/, message: t('reviewers.mobileInvalid') }]}>
        <Input maxLength={11} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="title" label={t('reviewers.position')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="initialPassword" label={t('reviewers.initialPassword')} extra={t('reviewers.initialPasswordHint')} rules={[{ min: 8, message: t('reviewers.passwordShort') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} />}
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reviewers.created', { name: created.name, mobile: created.mobile, password: created.initialPassword })}
          description={t('reviewers.createdNote')}
        />
      )}
      <Button type="primary" htmlType="submit" loading={saving}>{t('reviewers.submit')}</Button>
    </Form>
  );
}
