export { checkProgramme, type CheckOptions, type ExtraCheck } from './check-programme.ts';
