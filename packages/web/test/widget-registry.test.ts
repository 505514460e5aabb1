import { describe, expect, it } from 'vitest';
import { getDefaultRegistry } from '@rjsf/core';
import { Widgets as AntdWidgets } from '@rjsf/antd';
import { REGISTERED_WIDGETS } from '@shenbao/engine';
import { sectionWidgets } from '../src/forms/registry.ts';

// `check` resolves ui:widget over REGISTERED_WIDGETS with rjsf's getWidget (the server's check step). The forms
// register rjsf's defaults, the Ant Design theme's and ours: the two lists must be the same, or check and the
// browser would disagree about which widgets exist.
describe('the widget names check knows', () => {
  it('are exactly the widgets the forms register', () => {
    const registered = new Set([...Object.keys(getDefaultRegistry().widgets), ...Object.keys(AntdWidgets), ...Object.keys(sectionWidgets)]);
    expect([...REGISTERED_WIDGETS].sort()).toEqual([...registered].sort());
  });
});
