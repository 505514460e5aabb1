/**
 * Moves tokens through a loaded flow until every token waits (at a user task or a parallel join) or has ended.
 *
 * The flows of the notices use a small part of BPMN — start and end events, user and service tasks, exclusive,
 * parallel and (forking) inclusive gateways, timer boundary events on user tasks — and load-flow.ts refuses the rest.
 * For that part the semantics fit in this file, run synchronously on plain data in microseconds, and need no message
 * broker: docs/workflow.md says why this replaced bpmn-engine. Everything here is pure: no clock (the runner passes
 * what it needs), no ids, no I/O.
 */
import { evaluateFeel } from './feel-adapter.ts';
import type { FlowDefinition, FlowNode, InterpreterState, OutgoingFlow, ServiceAction } from './types.ts';

/** What one run of the interpreter did, in order. */
export interface RunLog {
  trail: string[];
  takenFlows: string[];
  actions: ServiceAction[];
  /** User tasks reached (definition ids, in the order reached); the runner opens a task for each. */
  reachedTasks: string[];
  /** The end event reached last, if any. */
  endEventId: string | undefined;
}

/** A run stops with this when a flow loops through gateways without ever waiting. */
const MAX_NODES_PER_RUN = 10_000;

/** Thrown inside a run when the flow cannot go on; the runner turns it into SB_ERR_ENGINE data. */
export class FlowRunError extends Error {}

export function emptyRunLog(): RunLog {
  return { trail: [], takenFlows: [], actions: [], reachedTasks: [], endEventId: undefined };
}

/**
 * Enters `nodeId` (arriving over `viaFlow`, if any) and follows the flow until every token waits or ends.
 * Mutates `state.joins` and `log`.
 */
export function enterNode(flow: FlowDefinition, state: InterpreterState, log: RunLog, nodeId: string, viaFlow?: string): void {
  run(flow, state, log, [{ nodeId, viaFlow }]);
}

/** Moves the token of a finished activity (a completed user task) on along its outgoing flows. */
export function leaveNode(flow: FlowDefinition, state: InterpreterState, log: RunLog, nodeId: string): void {
  const node = flow.nodes[nodeId];
  if (!node) throw new FlowRunError(`no flow element ${nodeId}`);
  run(flow, state, log, follow(log, leave(state, node)));
}

function follow(log: RunLog, flows: OutgoingFlow[]): Array<{ nodeId: string; viaFlow: string }> {
  for (const out of flows) log.takenFlows.push(out.flowId);
  return flows.map((out) => ({ nodeId: out.target, viaFlow: out.flowId }));
}

/** Depth-first, outgoing flows in document order. */
function run(flow: FlowDefinition, state: InterpreterState, log: RunLog, starts: Array<{ nodeId: string; viaFlow: string | undefined }>): void {
  const stack = [...starts].reverse();
  let visited = 0;
  while (stack.length > 0) {
    const { nodeId: id, viaFlow: via } = stack.pop()!;
    if (++visited > MAX_NODES_PER_RUN) throw new FlowRunError(`the flow went through ${MAX_NODES_PER_RUN} elements without waiting (a loop with no task?)`);
    const node = flow.nodes[id];
    if (!node) throw new FlowRunError(`no flow element ${id}`);
    // Pushed in reverse so that the first outgoing flow is followed first.
    stack.push(...follow(log, step(flow, state, log, node, via)).reverse());
  }
}

/** Does what entering one node does and answers the flows its token leaves by (none: it waits or ended). */
function step(flow: FlowDefinition, state: InterpreterState, log: RunLog, node: FlowNode, via: string | undefined): OutgoingFlow[] {
  switch (node.kind) {
    case 'parallel':
      return parallelGateway(state, log, node, via);
    case 'userTask':
      log.trail.push(node.id);
      log.reachedTasks.push(node.id);
      return [];
    case 'end':
      log.trail.push(node.id);
      log.endEventId = node.id;
      return [];
    case 'serviceTask': {
      log.trail.push(node.id);
      const definition = flow.serviceTasks[node.id];
      if (definition) {
        const action: ServiceAction = { elementId: definition.id, action: definition.action };
        if (definition.print) action.print = definition.print;
        if (definition.message) action.message = definition.message;
        log.actions.push(action);
      }
      return leave(state, node);
    }
    case 'exclusive': {
      log.trail.push(node.id);
      const taken = node.outgoing.find((out) => out.flowId !== node.defaultFlow && conditionHolds(state, node, out));
      const chosen = taken ?? node.outgoing.find((out) => out.flowId === node.defaultFlow) ?? (node.outgoing.length === 1 && !node.outgoing[0]!.condition ? node.outgoing[0] : undefined);
      if (!chosen) throw new FlowRunError(`no condition of gateway ${node.id} holds and it has no default flow`);
      return [chosen];
    }
    case 'inclusive':
      log.trail.push(node.id);
      return leaveAll(state, node, `no condition of gateway ${node.id} holds and it has no default flow`);
    default:
      // Start events, boundary events (entered when they fire) and plain pass-through elements.
      log.trail.push(node.id);
      return leave(state, node);
  }
}

/** A fork takes every outgoing flow; a join waits until a token has come in over each incoming flow. */
function parallelGateway(state: InterpreterState, log: RunLog, node: FlowNode, via: string | undefined): OutgoingFlow[] {
  if (node.incoming.length > 1) {
    const arrived = new Set(state.joins[node.id] ?? []);
    if (via) arrived.add(via);
    if (node.incoming.some((flowId) => !arrived.has(flowId))) {
      state.joins[node.id] = [...arrived];
      return [];
    }
    delete state.joins[node.id];
  }
  log.trail.push(node.id);
  return node.outgoing;
}

/** Leaving an activity or event: unconditional flows and true conditions; the default flow when nothing else. */
function leave(state: InterpreterState, node: FlowNode): OutgoingFlow[] {
  if (node.outgoing.length === 0) return [];
  return leaveAll(state, node, `no outgoing flow of ${node.id} can be taken`);
}

function leaveAll(state: InterpreterState, node: FlowNode, noWayOut: string): OutgoingFlow[] {
  const taken = node.outgoing.filter((out) => out.flowId !== node.defaultFlow && (!out.condition || conditionHolds(state, node, out)));
  if (taken.length > 0) return taken;
  const fallback = node.outgoing.find((out) => out.flowId === node.defaultFlow);
  if (!fallback) throw new FlowRunError(noWayOut);
  return [fallback];
}

function conditionHolds(state: InterpreterState, node: FlowNode, out: OutgoingFlow): boolean {
  if (!out.condition) return false;
  try {
    return evaluateFeel(out.condition, state.variables) === true;
  } catch (err) {
    throw new FlowRunError(`condition of ${out.flowId} out of ${node.id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
