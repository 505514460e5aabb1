/**
 * How a lower area lets higher areas react to what it does without importing them (docs/architecture.md, "Hooks").
 * The area that fires declares each hook's arguments in an interface of its own (`ProgrammeHooks`, `WorkflowHooks`),
 * takes the hooks at construction from the composition root, and runs them in order inside its own transaction, so a
 * reaction commits or rolls back with the change that caused it. A hook that throws refuses the change.
 */
export type Hook<Args extends unknown[]> = (...args: Args) => Promise<void>;

export async function runHooks<Args extends unknown[]>(hooks: readonly Hook<Args>[], ...args: Args): Promise<void> {
  for (const hook of hooks) await hook(...args);
}
