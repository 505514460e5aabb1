/**
 * The widget names the applicant's and reviewer's forms register with rjsf: rjsf's own defaults
 * (which the Ant Design theme overrides under the same names) and shenbao's additions
 * (packages/web/src/forms/registry.ts). A web test keeps this list equal to the real registry;
 * the server's `check` step resolves every `ui:widget` against it with rjsf's own `getWidget`
 * (packages/server/src/programmes/ui-widget-check.ts), so check and the browser cannot disagree.
 */
export const REGISTERED_WIDGETS: readonly string[] = [
  'AltDateWidget', 'AltDateTimeWidget', 'CheckboxWidget', 'CheckboxesWidget', 'ColorWidget', 'DateWidget', 'DateTimeWidget',
  'EmailWidget', 'FileWidget', 'HiddenWidget', 'PasswordWidget', 'RadioWidget', 'RangeWidget', 'RatingWidget', 'SelectWidget',
  'TextWidget', 'TextareaWidget', 'TimeWidget', 'UpDownWidget', 'URLWidget',
  'attachment', 'organisation', 'percent',
];
