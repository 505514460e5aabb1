import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError, fieldErrorsOf } from '../../api/api-error.ts';
import { categoryIdOf, type AdminOrganisation } from '../admin-api.ts';
import { useAdminText } from '../admin-text.ts';
import { changedContacts, maxUnitContacts, namePathOf, toFormContacts, type FormContact } from './unit-contacts-form.ts';

export interface UnitValues {
  id?: string;
  name: string;
  category: string;
  /** Only when the administrator changed them (see unit-contacts-form.ts). */
  contacts?: { name: string; phone: string; note?: string }[];
  contactsFromNotice?: boolean;
}

interface FormValues {
  id?: string;
  name: string;
  category: string;
  contacts?: FormContact[];
  contactsFromNotice?: boolean;
}

/**
 * Creates a unit in a programme category, or renames / moves an existing one (its id never changes) and edits the
 * contacts applicants see when they choose it.
 */
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
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const fromNotice = Form.useWatch('contactsFromNotice', form) === true;
  const initialContacts = useMemo(() => toFormContacts(unit?.contacts ?? [], pick), [unit, pick]);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    form.setFieldsValue(unit ? { name: unit.name, category: unit.category ?? undefined, contacts: initialContacts, contactsFromNotice: false } : { category: defaultCategory });
  }, [open, unit, defaultCategory, form, initialContacts]);

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing beside each field
    }
    const { id, name, category, contacts, contactsFromNotice } = values;
    setSaving(true);
    setError(undefined);
    try {
      const changed = unit && !contactsFromNotice ? changedContacts(initialContacts, contacts ?? []) : undefined;
      await onSubmit({
        name: name.trim(),
        category,
        ...(id?.trim() ? { id: id.trim() } : {}),
        ...(changed ? { contacts: changed } : {}),
        ...(contactsFromNotice ? { contactsFromNotice: true } : {}),
      });
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : undefined;
      setError(apiError);
      // Field errors from the server land on their fields (/name → name, /contacts/1/phone → the second phone).
      const fields = fieldErrorsOf(apiError);
      form.setFields(Object.entries(fields).map(([pointer, messages]) => ({ name: namePathOf(pointer) as never, errors: messages.map(pick) })));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} width={unit ? 760 : 520} title={unit ? t('orgs.editTitle') : t('orgs.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
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
        {unit && (
          <Form.Item
            label={<Space>{t('orgs.contacts')}{unit.contactsEdited && <Tag color="orange">{t('orgs.contactsEdited')}</Tag>}</Space>}
            extra={unit.contactsEdited ? t('orgs.contactsEditedHint') : t('orgs.contactsHint')}
          >
            {unit.contactsEdited && (
              <Form.Item name="contactsFromNotice" valuePropName="checked" noStyle>
                <Checkbox style={{ marginBottom: 8 }}>{t('orgs.contactsFromNotice')}</Checkbox>
              </Form.Item>
            )}
            {!fromNotice && <ContactsList />}
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={pick(error.messages)} />}
      </Form>
    </Modal>
  );
}

/** The contacts as rows of name, phone and note, at most maxUnitContacts. */
function ContactsList() {
  const { t } = useAdminText();
  return (
    <Form.List name="contacts">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, index) => (
            // One contact per line: name, phone, note, remove (the modal is widened for it).
            <div key={row.key} style={{ display: 'grid', gridTemplateColumns: '110px 180px 1fr 32px', gap: 8, alignItems: 'start' }} data-testid={`contact-${index}`}>
              <Form.Item name={[row.name, 'name']} rules={[{ required: true, whitespace: true, message: t('orgs.contactNameRequired') }]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('orgs.contactName')} aria-label={t('orgs.contactName')} maxLength={40} />
              </Form.Item>
              <Form.Item name={[row.name, 'phone']} rules={[{ required: true, whitespace: true, message: t('orgs.contactPhoneRequired') }]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('orgs.contactPhone')} aria-label={t('orgs.contactPhone')} maxLength={60} />
              </Form.Item>
              <Form.Item name={[row.name, 'note']} style={{ marginBottom: 8 }}>
                <Input placeholder={t('orgs.contactNote')} aria-label={t('orgs.contactNote')} maxLength={200} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('orgs.removeContact')} onClick={() => remove(row.name)} />
            </div>
          ))}
          {rows.length < maxUnitContacts ? (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '', note: '' })}>{t('orgs.addContact')}</Button>
          ) : (
            <Typography.Text type="secondary">{t('orgs.contactsLimit', { count: maxUnitContacts })}</Typography.Text>
          )}
        </>
      )}
    </Form.List>
  );
}
