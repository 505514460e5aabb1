import { loadPrintState, loadStampedScans, type PrintState, type StampedScan } from '../api/prints.ts';

/**
 * Where the applicant stands with `submit.requireStampedScan` — the same rule the server checks on submit
 * (print.service assertStampedScanOfLatest): the latest print of that document matches the data as it is now and a
 * stamped scan is registered for exactly that version.
 * - `needPrint`: nothing printed yet;
 * - `needNewPrint`: the data changed since the latest print (typically after a return): a new print and a new
 *   stamped scan are needed;
 * - `needScan`: the latest print is current but its stamped scan is not uploaded;
 * - `ready`: submit may go ahead.
 */
export type StampedScanGate = 'needPrint' | 'needNewPrint' | 'needScan' | 'ready';

export function stampedScanGate(state: PrintState, scans: StampedScan[], printId: string): StampedScanGate {
  const latest = state.latest;
  if (!latest) return 'needPrint';
  if (!state.matchesData) return 'needNewPrint';
  return scans.some((scan) => scan.printId === printId && scan.version === latest.version) ? 'ready' : 'needScan';
}

/**
 * Loads the gate for one application. Unknown (undefined) while loading; a failed load answers `ready` — the
 * server still refuses the submit with its own bilingual SB_ERR_STAMPED_SCAN_REQUIRED, so a lost request never
 * blocks the button for good.
 */
export async function loadStampedScanGate(applicationId: string, printId: string): Promise<StampedScanGate> {
  try {
    const [state, scans] = await Promise.all([loadPrintState(applicationId, printId), loadStampedScans(applicationId)]);
    return stampedScanGate(state, scans, printId);
  } catch {
    return 'ready';
  }
}
