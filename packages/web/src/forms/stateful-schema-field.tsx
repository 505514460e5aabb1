import { useMemo, useSyncExternalStore, type ComponentType } from 'react';
import { getDefaultRegistry } from '@rjsf/core';
import type { FieldProps, UiSchema } from '@rjsf/utils';
import { sectionFormContext } from './form-context.ts';
import { pointerFromPath } from './json-pointer.ts';

const CoreSchemaField = getDefaultRegistry().fields.SchemaField as ComponentType<FieldProps>;
const noSubscription = () => () => undefined;
const noState = () => undefined;

/**
 * Wraps rjsf's SchemaField: a field with x-fillable / x-required / x-computed subscribes to its own entry in the
 * FieldStateStore and is re-rendered only when that entry changes (disabled when not fillable, required mark
 * when x-required holds, read-only live value when computed). Attachment fields also learn their JSON pointer,
 * which the upload sends so the server applies that field's limits.
 */
export function StatefulSchemaField(props: FieldProps) {
  const { registry, fieldPathId, schema } = props;
  const store = sectionFormContext(registry.formContext).store;
  const hasRules = schema['x-fillable'] !== undefined || schema['x-required'] !== undefined || schema['x-computed'] !== undefined;
  const pointer = hasRules || schema['x-attachment'] !== undefined ? pointerFromPath(fieldPathId.path) : '';

  const state = useSyncExternalStore(
    hasRules ? (listener) => store.subscribe(pointer, listener) : noSubscription,
    hasRules ? () => store.get(pointer) : noState,
  );

  const uiSchema = useMemo<UiSchema | undefined>(() => {
    if (schema['x-attachment'] === undefined) return props.uiSchema;
    const options = (props.uiSchema?.['ui:options'] ?? {}) as Record<string, unknown>;
    return { ...props.uiSchema, 'ui:options': { ...options, fieldPointer: pointer } };
  }, [props.uiSchema, schema, pointer]);

  if (!state) return <CoreSchemaField {...props} uiSchema={uiSchema} />;
  return (
    <CoreSchemaField
      {...props}
      uiSchema={uiSchema}
      disabled={Boolean(props.disabled) || !state.fillable}
      readonly={Boolean(props.readonly) || state.computed !== undefined}
      required={Boolean(props.required) || state.required}
      formData={state.computed ? (state.computed.value ?? undefined) : props.formData}
    />
  );
}
