/**
 * The print area's part in the flow (workflow/workflow-hooks.ts): a submit is refused until the stamped scan of the
 * latest print exists when the programme asks for one (`submit.requireStampedScan`), and every flow step's `print`
 * service tasks are queued for rendering.
 */
import type { WorkflowHooks } from '../workflow/workflow-hooks.ts';
import type { PrintService } from './print.service.ts';

export function printWorkflowHooks(prints: Pick<PrintService, 'assertStampedScanOfLatest' | 'enqueue'>): WorkflowHooks {
  return {
    beforeSubmit: [
      async (tx, application, runtime) => {
        const printId = runtime.programme.manifest.submit?.requireStampedScan;
        if (printId) await prints.assertStampedScanOfLatest(tx, application, runtime, printId);
      },
    ],
    afterStep: [
      async (tx, application, effects, actor) => {
        for (const request of effects.printRequests) {
          await prints.enqueue(tx, { applicationId: application.id, printId: request.printId, taskId: null, requestedBy: actor?.id ?? 'system:flow' });
        }
      },
    ],
  };
}
