import { useEffect } from 'react';
import { Select } from 'antd';
import { useQuery } from '../api/use-graphql.ts';
import { programmeChoicesQuery, type ProgrammeChoice } from './admin-api.ts';
import { useAdminText } from './admin-text.ts';

/** Picks one published programme; with `selectFirst` it chooses the first one once the list arrives. */
export function ProgrammePicker({ value, onChange, allowClear, selectFirst, placeholder, width = 360 }: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  allowClear?: boolean;
  selectFirst?: boolean;
  placeholder?: string;
  width?: number;
}) {
  const { t, pick } = useAdminText();
  const { data, loading } = useQuery<{ programmes: ProgrammeChoice[] }>(programmeChoicesQuery);
  const first = data?.programmes[0]?.id;
  useEffect(() => {
    if (selectFirst && value === undefined && first) onChange(first);
  }, [selectFirst, value, first, onChange]);
  return (
    <Select
      style={{ width }}
      loading={loading}
      allowClear={allowClear}
      value={value}
      aria-label={t('common.programme')}
      placeholder={placeholder ?? t('common.chooseProgramme')}
      onChange={(id: string | undefined) => onChange(id ?? undefined)}
      options={(data?.programmes ?? []).map((programme) => ({ value: programme.id, label: pick(programme.titleText) || programme.title }))}
    />
  );
}
