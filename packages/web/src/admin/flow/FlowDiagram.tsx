import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Spin } from 'antd';
import { ExpandOutlined } from '@ant-design/icons';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './flow-diagram.css';
import { useAdminText } from '../admin-text.ts';
import type { FlowMarkers } from './flow-markers.ts';

/** The part of bpmn-js's NavigatedViewer this component uses. */
interface Viewer {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  get(name: 'canvas'): {
    zoom(level: 'fit-viewport', center?: 'auto'): void;
    addMarker(elementId: string, marker: string): void;
  };
  get(name: 'elementRegistry'): { get(id: string): unknown };
  destroy(): void;
}

const markerClass = { current: 'sb-flow-current', done: 'sb-flow-done' } as const;

/**
 * A read-only, pannable and zoomable drawing of a programme's BPMN flow. bpmn-js is imported on first use so it
 * stays in its own chunk, out of the first page load.
 */
export function FlowDiagram({ xml, markers }: { xml: string; markers?: FlowMarkers | undefined }) {
  const { t } = useAdminText();
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<Viewer | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | { failed: string }>('loading');

  useEffect(() => {
    let cancelled = false;
    setState('loading');
    void (async () => {
      try {
        const { default: NavigatedViewer } = await import('bpmn-js/lib/NavigatedViewer');
        if (cancelled || !container.current) return;
        const instance = new NavigatedViewer({ container: container.current }) as unknown as Viewer;
        viewer.current = instance;
        await instance.importXML(xml);
        if (cancelled) return;
        const canvas = instance.get('canvas');
        canvas.zoom('fit-viewport', 'auto');
        const registry = instance.get('elementRegistry');
        // A marker for an id the drawing lacks (a task of another version) would throw; skip it.
        const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
        mark(markers?.done ?? [], markerClass.done);
        mark(markers?.current ?? [], markerClass.current);
        setState('ready');
      } catch (error) {
        if (!cancelled) setState({ failed: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
      viewer.current?.destroy();
      viewer.current = null;
    };
  }, [xml, markers]);

  return (
    <div style={{ position: 'relative' }}>
      {typeof state === 'object' && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('flow.failed', { reason: state.failed })} />}
      <div ref={container} className="sb-flow-canvas" role="img" aria-label={t('flow.title')} />
      {state === 'loading' && <Spin tip={t('flow.loading')} style={{ position: 'absolute', top: '45%', left: '50%' }} />}
      {state === 'ready' && (
        <Button size="small" icon={<ExpandOutlined />} style={{ position: 'absolute', top: 8, right: 8 }} onClick={() => viewer.current?.get('canvas').zoom('fit-viewport', 'auto')}>
          {t('flow.fit')}
        </Button>
      )}
    </div>
  );
}
