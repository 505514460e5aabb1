/**
 * Limits on the shape of a GraphQL request, all checked before any resolver runs, so that a hostile query costs the
 * server a parse and a walk of its syntax tree, never a database read:
 *   - tokens (GRAPHQL_MAX_TOKENS): graphql-js's own `maxTokens` parse option, which stops the parser early;
 *   - depth (GRAPHQL_MAX_DEPTH): mercurius's `queryDepth`;
 *   - aliases, directives and cost (GRAPHQL_MAX_ALIASES, GRAPHQL_MAX_DIRECTIVES, GRAPHQL_MAX_COST): the
 *     `@escape.tech/graphql-armor-*` validation rules, added to mercurius's `validationRules`.
 * Each refusal carries its own SB_ERR_* code (see requestErrorToAppError in client-errors.ts). In production,
 * graphql-js leaves out its "Did you mean …?" hints, which would name fields and operations the caller cannot see.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { Config } from '../config.ts';
import type { ErrorCode } from '../errors.ts';

export interface GraphqlLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

export function graphqlLimitsOf(config: Config): GraphqlLimits {
  return {
    maxTokens: config.graphqlMaxTokens,
    maxDepth: config.graphqlMaxDepth,
    maxAliases: config.graphqlMaxAliases,
    maxDirectives: config.graphqlMaxDirectives,
    maxCost: config.graphqlMaxCost,
  };
}

/** The extensions a limit refusal carries inside the validation error, read back by requestErrorToAppError. */
export interface LimitRefusal {
  sbCode: ErrorCode;
  params: Record<string, number>;
}

/** armor's messages end "… limit of N exceeded, found M."; the numbers go into our own bilingual message. */
function foundIn(message: string): number {
  const match = /found (\d+(?:\.\d+)?)/.exec(message);
  return match ? Math.ceil(Number(match[1])) : 0;
}

function reporter(sbCode: ErrorCode, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const refusal: LimitRefusal = { sbCode, params: { limit, found: foundIn(error.message) } };
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { ...refusal } }));
  };
}

/** The validation rules for mercurius: the armor limits, and no introspection outside development. */
export function graphqlValidationRules(limits: GraphqlLimits, env: Config['env']): ValidationRule[] {
  // propagateOnRejection: false, so a refusal is reported as a validation error (graphql-js collects them) rather
  // than thrown out of validate(); exposeLimits lets the message carry the numbers we put in our own wording.
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  const rules: ValidationRule[] = [
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reporter('SB_ERR_GRAPHQL_TOO_MANY_ALIASES', limits.maxAliases)] }) as unknown as ValidationRule,
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reporter('SB_ERR_GRAPHQL_TOO_MANY_DIRECTIVES', limits.maxDirectives)] }) as unknown as ValidationRule,
    costLimitRule({ ...common, maxCost: limits.maxCost, onReject: [reporter('SB_ERR_GRAPHQL_TOO_COSTLY', limits.maxCost)] }) as unknown as ValidationRule,
  ];
  if (env !== 'development') rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/**
 * mercurius's `graphql` option: the token limit at parse time, and no suggestions in production. mercurius hands
 * `validateOptions` to graphql-js's validate() as they are; its types know only `maxErrors`, graphql 16.11+ also
 * reads `hideSuggestions`.
 */
export function graphqlParseAndValidateOptions(limits: GraphqlLimits, env: Config['env']): { parseOptions: { maxTokens: number }; validateOptions: { maxErrors?: number } } {
  const validateOptions = { maxErrors: 20, hideSuggestions: env === 'production' };
  return { parseOptions: { maxTokens: limits.maxTokens }, validateOptions };
}
