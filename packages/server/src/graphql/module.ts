import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../access/session-user.ts';

/** What every resolver receives. `user` is undefined for anonymous requests. Services come from the module's factory. */
export interface RequestContext {
  request: FastifyRequest;
  reply: FastifyReply;
  user: SessionUser | undefined;
}

type ResolverFn = (parent: never, args: never, context: RequestContext, info: never) => unknown;
export type ResolverMap = Record<string, Record<string, ResolverFn | Record<string, unknown>>>;

/**
 * A slice of the API: its GraphQL type definitions (using `extend type Query/Mutation`), resolvers, and REST routes
 * (REST only for file bytes and the print verification page). Each area exports a factory that takes exactly the
 * services its resolvers use and returns its module; the composition root (composition.ts) builds them all.
 */
export interface AppModule {
  name: string;
  typeDefs?: string;
  resolvers?: ResolverMap;
  /** Routes, hooks and background work (started here, stopped on the app's onClose). */
  routes?: (app: FastifyInstance) => void | Promise<void>;
}
