import type { ReactNode } from 'react';
import { PaperClipOutlined } from '@ant-design/icons';
import { fileUrl } from '../api/prints.ts';
import { formatPercent } from '../forms/widgets/percent-widget.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import './review-document.css';

/** The slice of JSON Schema a document needs (the programme's section and task-form schemas). */
interface SchemaNode {
  type?: string | string[];
  title?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  enum?: unknown[];
  oneOf?: Array<{ const?: unknown; title?: string }>;
  [keyword: string]: unknown;
}
type Ui = Record<string, unknown>;

/** What a document shows for ids: file names (from the application's files) and unit names. */
export interface DocumentLookups {
  fileNames: Record<string, string>;
  unitNames: Record<string, string>;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function orderedKeys(node: SchemaNode, ui: Ui): string[] {
  const keys = Object.keys(node.properties ?? {});
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  if (order.length === 0) return keys;
  const rest = keys.filter((k) => !order.includes(k));
  return order.flatMap((k) => (k === '*' ? rest : keys.includes(k) ? [k] : [])).concat(order.includes('*') ? [] : rest);
}

const titleOf = (node: SchemaNode, ui: Ui, key: string) => (typeof ui['ui:title'] === 'string' ? ui['ui:title'] : node.title ?? key);
const hidden = (ui: Ui) => ui['ui:widget'] === 'hidden';
const isTable = (node: SchemaNode) => node.type === 'array' && !Array.isArray(node.items) && (node.items?.type === 'object' || Boolean(node.items?.properties));

/**
 * A form's data as a document to read: a label and its value per row, groups under their title, tables as tables,
 * files as links by name, units by name. Nothing is an input, so there are no counters, no disabled 选择文件 and no
 * row buttons — the reviewer reads what the applicant (or an earlier step) wrote.
 */
export function FormDocument({ schema, ui, data, lookups }: { schema: unknown; ui?: unknown; data: Record<string, unknown> | null | undefined; lookups: DocumentLookups }) {
  const root = (schema ?? {}) as SchemaNode;
  return (
    <table className="sb-doc">
      <tbody>
        <Rows node={root} ui={(ui ?? {}) as Ui} data={data ?? {}} lookups={lookups} depth={0} pointer="" />
      </tbody>
    </table>
  );
}

function Rows({ node, ui, data, lookups, depth, pointer }: { node: SchemaNode; ui: Ui; data: Record<string, unknown>; lookups: DocumentLookups; depth: number; pointer: string }) {
  const { t } = useI18n();
  const rows: ReactNode[] = [];
  for (const key of orderedKeys(node, ui)) {
    const child = node.properties![key]!;
    const childUi = (ui[key] ?? {}) as Ui;
    const value = data[key];
    if (hidden(childUi)) continue;
    // A field shown only under a condition that did not hold has nothing to say.
    if (isEmpty(value) && child['x-fillable'] !== undefined) continue;
    const label = titleOf(child, childUi, key);
    // The field's JSON pointer, for links from error lists and for tests (the value cell carries it).
    const at = `${pointer}/${key}`;
    if (child.type === 'object' && child.properties) {
      rows.push(<tr key={key} className="sb-doc__group"><th colSpan={2} style={{ paddingLeft: 8 + depth * 12 }}>{label}</th></tr>);
      rows.push(<Rows key={`${key}/rows`} node={child} ui={childUi} data={(value ?? {}) as Record<string, unknown>} lookups={lookups} depth={depth + 1} pointer={at} />);
    } else if (isTable(child)) {
      rows.push(
        <tr key={key} className="sb-doc__table-row">
          <td colSpan={2} data-pointer={at}>
            <div className="sb-doc__caption">{label}</div>
            {isEmpty(value) ? <span className="sb-doc__empty">{t('document.empty')}</span> : (
              <DocumentTable node={child.items as SchemaNode} ui={(childUi.items ?? {}) as Ui} rows={value as Array<Record<string, unknown>>} lookups={lookups} />
            )}
          </td>
        </tr>,
      );
    } else {
      rows.push(
        <tr key={key}>
          <th scope="row" style={{ paddingLeft: 8 + depth * 12 }}>{label}</th>
          <td data-pointer={at}>{isEmpty(value) ? <span className="sb-doc__empty">{t('document.empty')}</span> : <Value node={child} ui={childUi} value={value} lookups={lookups} />}</td>
        </tr>,
      );
    }
  }
  return <>{rows}</>;
}

function DocumentTable({ node, ui, rows, lookups }: { node: SchemaNode; ui: Ui; rows: Array<Record<string, unknown>>; lookups: DocumentLookups }) {
  const columns = orderedKeys(node, ui).filter((key) => !hidden((ui[key] ?? {}) as Ui));
  return (
    <div className="sb-doc__scroll">
      <table className="sb-doc-grid">
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map((key) => <th scope="col" key={key}>{titleOf(node.properties![key]!, (ui[key] ?? {}) as Ui, key)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>{index + 1}</td>
              {columns.map((key) => (
                <td key={key}>
                  {isEmpty(row?.[key]) ? '' : <Value node={node.properties![key]!} ui={(ui[key] ?? {}) as Ui} value={row[key]} lookups={lookups} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function optionTitle(node: SchemaNode | undefined, value: unknown): string {
  const option = node?.oneOf?.find((o) => o.const === value);
  return option?.title ?? String(value);
}

function Value({ node, ui, value, lookups }: { node: SchemaNode; ui: Ui; value: unknown; lookups: DocumentLookups }) {
  const { t, language } = useI18n();
  if (node['x-attachment'] !== undefined && typeof value === 'string') {
    const name = lookups.fileNames[value] ?? t('attachment.existing');
    return (
      <span className="sb-doc__file">
        <a href={fileUrl(value)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {name}</a>
        {' · '}
        <a href={fileUrl(value, false)} aria-label={`${t('document.download')} ${name}`}>{t('document.download')}</a>
      </span>
    );
  }
  if (node['x-organisation'] !== undefined && typeof value === 'string') return <>{lookups.unitNames[value] ?? value}</>;
  if (Array.isArray(value)) return <>{value.map((v) => optionTitle(Array.isArray(node.items) ? undefined : node.items, v)).join('、')}</>;
  if (typeof value === 'boolean') return <>{value ? t('document.yes') : t('document.no')}</>;
  if (typeof value === 'number' && (node['x-format'] === 'percent' || ui['ui:widget'] === 'percent')) return <>{formatPercent(value, language)}</>;
  if (typeof value === 'object' && value !== null) return <>{JSON.stringify(value)}</>;
  return <span className="sb-doc__text">{optionTitle(node, value)}</span>;
}
