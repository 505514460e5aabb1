/**
 * Everything the server needs to run one published programme version, built once and cached: the parsed folder, its
 * compiled validators, its flow and its print templates. Versions are immutable, so the cache never goes stale.
 */
import {
  compileProgramme,
  loadFlow,
  loadProgramme,
  type CompiledProgramme,
  type FlowDefinition,
  type Programme,
  type ProgrammeFiles,
} from '@shenbao/engine';
import './pattern-engine.ts';
import { localTimeToInstant, windowState, type WindowDates, type WindowState } from './windows.ts';

export interface ProgrammeRuntime {
  versionId: string;
  programme: Programme;
  compiled: CompiledProgramme;
  flow: FlowDefinition;
}

export async function buildRuntime(versionId: string, files: ProgrammeFiles): Promise<ProgrammeRuntime> {
  const { programme, problems } = loadProgramme(files);
  if (!programme) {
    const first = problems[0];
    throw new Error(`published programme version ${versionId} no longer loads: ${first ? `${first.file} ${first.message.en}` : 'unknown problem'}`);
  }
  const compiled = compileProgramme(programme);
  const flow = await loadFlow(programme.flowXml);
  return { versionId, programme, compiled, flow };
}

/** Window instants from the folder's local times, with the administrator's overrides laid over them. */
export function resolveWindows(
  programme: Programme,
  overrides: Record<string, { opens: string; closes: string }>,
): Record<string, WindowDates & { overridden: boolean }> {
  const { windows, timeZone } = programme.manifest;
  const result: Record<string, WindowDates & { overridden: boolean }> = {};
  for (const [id, window] of Object.entries(windows)) {
    const override = overrides[id];
    if (override) {
      result[id] = { opens: new Date(override.opens), closes: new Date(override.closes), overridden: true };
      continue;
    }
    const opens = window.opens ? localTimeToInstant(window.opens, timeZone) : new Date(0);
    const closes = window.closes ? localTimeToInstant(window.closes, timeZone, 'end') : new Date('9999-12-31T00:00:00Z');
    result[id] = { opens, closes, overridden: false };
  }
  return result;
}

export function windowStates(
  programme: Programme,
  overrides: Record<string, { opens: string; closes: string }>,
  now: Date,
): WindowState[] {
  return Object.entries(resolveWindows(programme, overrides)).map(([id, w]) => windowState(id, w, now, w.overridden));
}

/** The windows as FEEL sees them (`windows.recommend.closes`): ISO instants. */
export function windowVariables(
  programme: Programme,
  overrides: Record<string, { opens: string; closes: string }>,
): Record<string, { opens: string; closes: string }> {
  const variables: Record<string, { opens: string; closes: string }> = {};
  for (const [id, w] of Object.entries(resolveWindows(programme, overrides))) {
    variables[id] = { opens: w.opens.toISOString(), closes: w.closes.toISOString() };
  }
  return variables;
}
