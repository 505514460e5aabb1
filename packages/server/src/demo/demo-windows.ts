/**
 * The demo runs "now": the programmes' windows are from years ago, so with SEED_DEMO every window of every programme
 * is opened from a minute ago for 90 days — unless an administrator already set that window's dates, which win.
 */
import type { Clock } from '../clock.ts';
import type { ProgrammeService } from '../programmes/programme.service.ts';

export interface DemoWindowsDeps {
  clock: Clock;
  programmes: Pick<ProgrammeService, 'list' | 'runtime' | 'setWindow'>;
}

export const demoWindowDays = 90;

/** Returns `programme/window` for each window it opened. */
export async function openDemoWindows(services: DemoWindowsDeps): Promise<string[]> {
  const now = services.clock.now().getTime();
  const opened: string[] = [];
  for (const row of await services.programmes.list()) {
    const runtime = await services.programmes.runtime(row.currentVersionId);
    for (const windowId of Object.keys(runtime.programme.manifest.windows)) {
      if (row.windowOverrides[windowId]) continue;
      await services.programmes.setWindow(row.id, windowId, new Date(now - 60_000), new Date(now + demoWindowDays * 86_400_000));
      opened.push(`${row.id}/${windowId}`);
    }
  }
  return opened;
}
