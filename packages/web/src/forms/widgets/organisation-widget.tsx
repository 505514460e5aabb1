import { useEffect, useMemo, useState } from 'react';
import { Alert, Select, Space } from 'antd';
import type { WidgetProps } from '@rjsf/utils';
import { ApiError } from '../../api/api-error.ts';
import type { OrganisationChoices, OrganisationSource } from '../../api/organisations.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { sectionFormContext } from '../form-context.ts';

// One request per source and role for the whole page, however many fields or rows ask.
const cache = new WeakMap<OrganisationSource, Map<string, Promise<OrganisationChoices>>>();

function loadChoices(source: OrganisationSource, role: string): Promise<OrganisationChoices> {
  let byRole = cache.get(source);
  if (!byRole) {
    byRole = new Map();
    cache.set(source, byRole);
  }
  let pending = byRole.get(role);
  if (!pending) {
    pending = source(role);
    // A failure must not stick: the next render may try again.
    pending.catch(() => byRole.delete(role));
    byRole.set(role, pending);
  }
  return pending;
}

type Loaded = { state: 'loading' } | { state: 'ready'; choices: OrganisationChoices } | { state: 'failed'; message: string };

/**
 * A unit of a reviewing role (`x-organisation: { role }`): the applicant first picks the category (市科协,
 * 省级学会 …), then the unit within it. The value stored is the unit's organisation id. Once a unit is chosen, its
 * contacts as the notice lists them (联系人及电话) are shown under the field.
 */
export function OrganisationWidget(props: WidgetProps) {
  const { id, value, onChange, disabled, readonly, schema, registry } = props;
  const { t, pick } = useI18n();
  const source = sectionFormContext(registry.formContext).organisations;
  const role = String((schema['x-organisation'] as { role?: string } | undefined)?.role ?? '');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [category, setCategory] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!source) {
      setLoaded({ state: 'failed', message: 'no organisation source' });
      return;
    }
    let live = true;
    loadChoices(source, role).then(
      (choices) => live && setLoaded({ state: 'ready', choices }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: error instanceof ApiError ? pick(error.messages) : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [source, role, pick]);

  const choices = loaded.state === 'ready' ? loaded.choices : undefined;
  // The category follows the chosen unit until the user picks a category themselves.
  const selectedCategory = category ?? choices?.units.find((unit) => unit.id === value)?.category;
  const unitOptions = useMemo(
    () => (choices?.units ?? []).filter((unit) => unit.category === selectedCategory).map((unit) => ({ value: unit.id, label: unit.name })),
    [choices, selectedCategory],
  );
  const locked = Boolean(disabled || readonly);
  const contacts = choices?.units.find((unit) => unit.id === value)?.contacts ?? [];

  if (loaded.state === 'failed') {
    return <Alert type="error" showIcon title={t('organisation.loadFailed', { message: loaded.message })} />;
  }
  return (
    <>
      <Space.Compact block className="sb-organisation" id={id}>
        <Select
          aria-label={t('organisation.category')}
          style={{ width: '40%' }}
          loading={loaded.state === 'loading'}
          disabled={locked}
          placeholder={t('organisation.category')}
          value={selectedCategory}
          options={(choices?.categories ?? []).map((c) => ({ value: c.id, label: pick(c.title) }))}
          onChange={(next: string) => {
            setCategory(next);
            if (next !== selectedCategory) onChange(undefined);
          }}
        />
        <Select
          aria-label={t('organisation.unit')}
          style={{ width: '60%' }}
          showSearch={{ optionFilterProp: 'label' }}
          disabled={locked || selectedCategory === undefined}
          placeholder={t('organisation.unit')}
          value={typeof value === 'string' && value !== '' ? value : undefined}
          options={unitOptions}
          notFoundContent={t('organisation.none')}
          onChange={(next: string) => onChange(next)}
        />
      </Space.Compact>
      {contacts.length > 0 && (
        <div className="sb-organisation-contacts">
          {t('organisation.contacts')}
          {contacts.map((contact) => `${contact.name} ${contact.phone}${contact.note ? `（${pick(contact.note)}）` : ''}`).join('；')}
        </div>
      )}
    </>
  );
}
