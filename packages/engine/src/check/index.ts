export { checkProgramme, type CheckOptions, type ExtraCheck } from './check-programme.ts';
export { DETECTABLE_FILE_TYPES } from './form-meaning.ts';
export { REGISTERED_WIDGETS } from './rjsf-widgets.ts';
