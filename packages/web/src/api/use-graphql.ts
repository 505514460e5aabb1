import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, badResponseMessage, clientErrorCodes } from './api-error.ts';
import { graphqlRequest } from './graphql-client.ts';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refetch: () => Promise<void>;
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(clientErrorCodes.badResponse, badResponseMessage, String(error));
}

/**
 * Runs a query when the component mounts and whenever `variables` change (compared as JSON). Deliberately small:
 * the app has few queries and no need for a normalised cache.
 */
export function useQuery<T>(query: string, variables?: Record<string, unknown>, options: { skip?: boolean } = {}): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(!options.skip);
  const variablesKey = JSON.stringify(variables ?? {});
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    try {
      const result = await graphqlRequest<T>(query, JSON.parse(variablesKey) as Record<string, unknown>, current.signal);
      if (!current.signal.aborted) {
        setData(result);
        setError(undefined);
      }
    } catch (caught) {
      if (!current.signal.aborted) setError(toApiError(caught));
    } finally {
      if (!current.signal.aborted) setLoading(false);
    }
  }, [query, variablesKey]);

  useEffect(() => {
    if (options.skip) return;
    void run();
    return () => controller.current?.abort();
  }, [run, options.skip]);

  return { data, error, loading, refetch: run };
}

export interface MutationState<T, V> {
  mutate: (variables: V) => Promise<T>;
  loading: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

/** Wraps a mutation: `mutate` resolves with the data or rejects with an ApiError (also kept in `error`). */
export function useMutation<T, V extends Record<string, unknown>>(mutation: string): MutationState<T, V> {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const mutate = useCallback(
    async (variables: V) => {
      setLoading(true);
      setError(undefined);
      try {
        return await graphqlRequest<T>(mutation, variables);
      } catch (caught) {
        const apiError = toApiError(caught);
        setError(apiError);
        throw apiError;
      } finally {
        setLoading(false);
      }
    },
    [mutation],
  );
  return { mutate, loading, error, reset: () => setError(undefined) };
}
