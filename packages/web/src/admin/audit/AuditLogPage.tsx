import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { ApiError } from '../../api/api-error.ts';
import { graphqlRequest } from '../../api/graphql-client.ts';
import { PageHead } from '../../app/AppShell.tsx';
import { auditEventsQuery, auditPageSize, type AuditEvent, type AuditFilter } from '../admin-api.ts';
import { useAdminText, type AdminTextKey } from '../admin-text.ts';
import { defaultTimeZone, formatDateTime } from '../../workspace/format.ts';
import { auditActionCodes, auditActionLabel, auditSubjectLabel } from './audit-actions.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

const resultTag: Record<string, { colour: string; key: AdminTextKey }> = {
  ok: { colour: 'success', key: 'audit.result.ok' },
  refused: { colour: 'warning', key: 'audit.result.refused' },
  error: { colour: 'error', key: 'audit.result.error' },
};

interface FilterValues {
  actorId?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilter(values: FilterValues): AuditFilter {
  const [from, to] = values.range ?? [null, null];
  return {
    ...(values.actorId?.trim() ? { actorId: values.actorId.trim() } : {}),
    ...(values.action?.trim() ? { action: values.action.trim() } : {}),
    // Days are Beijing days (the zone every screen shows), not the days of the administrator's browser.
    ...(from ? { from: dayjs.tz(from.format('YYYY-MM-DD'), defaultTimeZone).startOf('day').toISOString() } : {}),
    ...(to ? { to: dayjs.tz(to.format('YYYY-MM-DD'), defaultTimeZone).endOf('day').toISOString() } : {}),
  };
}

function prettyDetails(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The audit log, newest first, filtered by actor, action and days; older pages load with `beforeId`. */
export default function AuditLogPage() {
  const { t, pick, language } = useAdminText();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const load = useCallback(async (current: AuditFilter, beforeId?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const { auditEvents } = await graphqlRequest<{ auditEvents: AuditEvent[] }>(auditEventsQuery, { ...current, beforeId: beforeId ?? null, limit: auditPageSize });
      setEvents((previous) => (beforeId ? [...previous, ...auditEvents] : auditEvents));
      setMore(auditEvents.length === auditPageSize);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);


  return (
    <>
      <PageHead title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(values) => setFilter(toFilter(values))}>
          <Form.Item name="actorId" label={t('audit.actor')}><Input allowClear style={{ width: 200 }} /></Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch
              style={{ width: 220 }}
              optionFilterProp="label"
              options={auditActionCodes().map((code) => ({ value: code, label: `${pick(auditActionLabel(code))} ${code}` }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}><DatePicker.RangePicker /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilter({}); }}>{t('common.reset')}</Button>
          </Space>
        </Form>
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(error.messages)} />}
        <Table<AuditEvent>
          size="small"
          rowKey="id"
          loading={loading}
          pagination={false}
          dataSource={events}
          locale={{ emptyText: t('audit.empty') }}
          expandable={{ expandedRowRender: (event) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{prettyDetails(event.details)}</pre> }}
          columns={[
            { title: t('audit.time'), width: 180, render: (_v, event) => formatDateTime(event.at, language) },
            { title: t('audit.actorName'), render: (_v, event) => <Person id={event.actorId} name={event.actorName} /> },
            {
              title: t('audit.action'),
              render: (_v, event) => <span title={event.action} data-action={event.action} style={{ whiteSpace: 'nowrap' }}>{pick(auditActionLabel(event.action))}</span>,
            },
            {
              title: t('audit.result'),
              width: 90,
              render: (_v, event) => {
                const tag = resultTag[event.result];
                return <Tag color={tag?.colour}>{tag ? t(tag.key) : event.result}</Tag>;
              },
            },
            {
              title: t('audit.subject'),
              render: (_v, event) => (event.subjectType
                ? <span>{pick(auditSubjectLabel(event.subjectType))} {event.subjectName ? <Person id={event.subjectId} name={event.subjectName} /> : <ShortId id={event.subjectId} />}</span>
                : t('common.none')),
            },
            { title: t('audit.ip'), width: 130, render: (_v, event) => event.ip ?? t('common.none') },
          ]}
        />
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          {more ? (
            <Button loading={loading} onClick={() => void load(filter, events[events.length - 1]?.id)}>{t('audit.loadMore')}</Button>
          ) : (
            events.length > 0 && <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
          )}
        </div>
      </Card>
    </>
  );
}

/** A user by name, the id in the tooltip and copyable; an id whose user is gone (or none) as before. */
function Person({ id, name }: { id: string | null; name: string | null }) {
  if (!id || !name) return <ShortId id={id} />;
  return <Typography.Text copyable={{ text: id }} title={id} style={{ whiteSpace: 'nowrap' }}>{name}</Typography.Text>;
}

/** Ids are UUIDs: the first block is enough to tell rows apart; the whole id is in the tooltip and copyable. */
function ShortId({ id }: { id: string | null }) {
  if (!id) return <>—</>;
  const short = id.length > 13 ? `${id.slice(0, 8)}…` : id;
  return <Typography.Text copyable={{ text: id }} title={id} style={{ whiteSpace: 'nowrap' }}>{short}</Typography.Text>;
}
