import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { ApiError, fieldErrorsOf } from '../../api/api-error.ts';
import { categoryIdOf, type AdminOrganisation } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';

export interface UnitValues {
  id?: string;
  name: string;
  category: string;
}

/** Creates a unit in a programme category, or renames / moves an existing one (its id never changes). */
export function UnitFormModal({ open, unit, categories, defaultCategory, onSubmit, onClose }: {
  open: boolean;
  /** The unit being edited; undefined to create one. */
  unit: AdminOrganisation | undefined;
  categories: AdminOrganisation[];
  defaultCategory: string | undefined;
  onSubmit: (values: UnitValues) => Promise<void>;
  onClose: () => void;
}) {
  const { t, pick } = useAdminText();
  const [form] = Form.useForm<UnitValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    form.setFieldsValue(unit ? { name: unit.name, category: unit.category ?? undefined } : { category: defaultCategory });
  }, [open, unit, defaultCategory, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      await onSubmit({ ...values, name: values.name.trim(), ...(values.id?.trim() ? { id: values.id.trim() } : {}) });
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : undefined;
      setError(apiError);
      // Field errors from the server land on their fields (/name → name).
      const fields = fieldErrorsOf(apiError);
      form.setFields(Object.entries(fields).map(([pointer, messages]) => ({ name: pointer.replace(/^\//, '') as keyof UnitValues, errors: messages.map(pick) })));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={unit ? t('orgs.editTitle') : t('orgs.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        {!unit && (
          <Form.Item name="id" label={t('orgs.id')} extra={t('orgs.idHint')}>
            <Input maxLength={64} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" label={t('orgs.category')} rules={[{ required: true, message: t('orgs.categoryRequired') }]}>
          <Select options={categories.map((category) => ({ value: categoryIdOf(category), label: category.name }))} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={pick(error.messages)} />}
      </Form>
    </Modal>
  );
}
