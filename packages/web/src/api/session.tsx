import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { ApiError } from './api-error.ts';
import { graphqlRequest } from './graphql-client.ts';
import { loginMutation, logoutMutation, meQuery, type Me } from './auth.ts';
import { useQuery } from './use-graphql.ts';

export interface Session {
  /** undefined while loading, null when anonymous. */
  me: Me | null | undefined;
  loading: boolean;
  error: ApiError | undefined;
  login: (mobile: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Re-reads `me` (after a password change or registration). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Holds the logged-in user for the whole app; the cookie itself is httpOnly and never read by scripts. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const query = useQuery<{ me: Me | null }>(meQuery);
  const { refetch } = query;

  const login = useCallback(
    async (mobile: string, password: string) => {
      const result = await graphqlRequest<{ login: Me }>(loginMutation, { mobile, password });
      await refetch();
      return result.login;
    },
    [refetch],
  );

  const logout = useCallback(async () => {
    try {
      await graphqlRequest<{ logout: boolean }>(logoutMutation);
    } finally {
      await refetch();
    }
  }, [refetch]);

  const value = useMemo<Session>(
    () => ({
      // A failed `me` (server down) is shown as anonymous with an error, so the login page still renders.
      me: query.loading && query.data === undefined ? undefined : (query.data?.me ?? null),
      loading: query.loading,
      error: query.error,
      login,
      logout,
      refresh: refetch,
    }),
    [query.loading, query.data, query.error, login, logout, refetch],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
