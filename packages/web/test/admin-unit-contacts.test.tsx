import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { UnitFormModal, type UnitValues } from '../src/admin/organisations/UnitFormModal.tsx';
import { changedContacts, namePathOf } from '../src/admin/organisations/unit-contacts-form.ts';
import type { AdminOrganisation } from '../src/admin/admin-api.ts';
import { ApiError } from '../src/api/api-error.ts';
import { renderWithI18n } from './render-helpers.tsx';

const category: AdminOrganisation = {
  id: 'p:city', name: '市科技局', kind: 'category', category: null, parentId: null, programmeId: 'p', role: 'recommender', quota: null, contacts: [], contactsEdited: false,
};
const unit: AdminOrganisation = {
  id: 'unit-taiyuan', name: '太原市科技局', kind: 'reviewer', category: 'city', parentId: 'p:city', programmeId: 'p', role: 'recommender', quota: null,
  contacts: [{ name: '康健', phone: '0351-4223750', note: { zh: '业务咨询', en: 'Enquiries' } }],
  contactsEdited: false,
};

function renderModal(onSubmit: (values: UnitValues) => Promise<void>, edited: Partial<AdminOrganisation> = {}) {
  renderWithI18n(<UnitFormModal open unit={{ ...unit, ...edited }} categories={[category]} defaultCategory={undefined} onSubmit={onSubmit} onClose={() => undefined} />);
}

const save = () => fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

describe('changedContacts', () => {
  it('answers undefined for contacts that differ only in spaces, else the trimmed list without empty notes', () => {
    const initial = [{ name: '康健', phone: '0351-4223750', note: '' }];
    expect(changedContacts(initial, [{ name: ' 康健 ', phone: '0351-4223750 ', note: ' ' }])).toBeUndefined();
    expect(changedContacts(initial, [{ name: '康健', phone: '0351-4223751', note: '' }])).toEqual([{ name: '康健', phone: '0351-4223751' }]);
    expect(changedContacts(initial, [])).toEqual([]);
  });
  it('reads server pointers as form name paths', () => {
    expect(namePathOf('/contacts/1/phone')).toEqual(['contacts', 1, 'phone']);
    expect(namePathOf('/name')).toEqual(['name']);
  });
});

describe('UnitFormModal contacts', () => {
  it('shows the contacts and sends none when only the name changed, so the notice keeps them up to date', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderModal(onSubmit);
    expect((screen.getByLabelText('电话') as HTMLInputElement).value).toBe('0351-4223750');
    expect((screen.getByLabelText('备注（邮箱、地址、咨询事项）') as HTMLInputElement).value).toBe('业务咨询');
    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '太原市科学技术局' } });
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '太原市科学技术局', category: 'city' }));
  });

  it('sends the whole list when a contact was added', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderModal(onSubmit);
    fireEvent.click(screen.getByRole('button', { name: /添加联系人/ }));
    const second = screen.getByTestId('contact-1');
    fireEvent.change(within(second).getByLabelText('姓名'), { target: { value: '李华' } });
    fireEvent.change(within(second).getByLabelText('电话'), { target: { value: '0351-4223751' } });
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({
      name: '太原市科技局',
      category: 'city',
      contacts: [{ name: '康健', phone: '0351-4223750', note: '业务咨询' }, { name: '李华', phone: '0351-4223751' }],
    }));
  });

  it('requires a name and a phone for each contact before sending', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderModal(onSubmit);
    fireEvent.click(screen.getByRole('button', { name: /添加联系人/ }));
    save();
    expect(await screen.findByText('请填写联系人姓名')).toBeTruthy();
    expect(screen.getByText('请填写联系电话')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's message on the phone it refused", async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError('SB_ERR_VALIDATION', { zh: '填写的内容有误', en: 'Some fields are invalid' }, {
        fields: { '/contacts/0/phone': [{ zh: '联系电话格式不正确，如 0351-4223750 或 13800000000，多个号码用“、”分隔', en: 'Not a phone number' }] },
      });
    });
    renderModal(onSubmit);
    fireEvent.change(screen.getByLabelText('电话'), { target: { value: '0351-422375x' } });
    save();
    expect(await screen.findByText('联系电话格式不正确，如 0351-4223750 或 13800000000，多个号码用“、”分隔')).toBeTruthy();
  });

  it("offers to go back to the notice's contacts once an administrator changed them", async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderModal(onSubmit, { contactsEdited: true });
    expect(screen.getByText('已修改')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '恢复为通知所列的联系人' }));
    await waitFor(() => expect(screen.queryByLabelText('电话')).toBeNull());
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '太原市科技局', category: 'city', contactsFromNotice: true }));
  });
});
