import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { SessionUser } from '../auth/session-user.ts';

/** What every resolver receives. `user` is undefined for anonymous requests. */
export interface RequestContext {
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
  user: SessionUser | undefined;
}

type ResolverFn = (parent: never, args: never, context: RequestContext, info: never) => unknown;
export type ResolverMap = Record<string, Record<string, ResolverFn | Record<string, unknown>>>;

/**
 * A slice of the API: its GraphQL type definitions (using `extend type Query/Mutation`), resolvers, and REST routes
 * (REST only for file bytes and the print verification page). buildApp composes the modules in modules.ts.
 */
export interface AppModule {
  name: string;
  typeDefs?: string;
  resolvers?: ResolverMap;
  routes?: (app: FastifyInstance, services: Services) => void | Promise<void>;
}
