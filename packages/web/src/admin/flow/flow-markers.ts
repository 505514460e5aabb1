import type { FlowApplication } from '../admin-api.ts';

export interface FlowMarkers {
  /** BPMN element ids of the steps open now. */
  current: string[];
  /** Steps the application has been through (and is not in now). */
  done: string[];
}

/**
 * Which diagram elements to mark for an application: open tasks are where it stands; completed tasks and the steps
 * its history names are behind it. A step both done before and open again (returned, resubmitted) counts as current.
 */
export function flowMarkersOf(application: Pick<FlowApplication, 'tasks' | 'history'>): FlowMarkers {
  const current = new Set(application.tasks.filter((task) => task.status === 'open').map((task) => task.definitionId));
  const done = new Set<string>();
  for (const task of application.tasks) if (task.status === 'completed') done.add(task.definitionId);
  for (const event of application.history) if (event.taskDefinitionId) done.add(event.taskDefinitionId);
  for (const id of current) done.delete(id);
  return { current: [...current], done: [...done] };
}
