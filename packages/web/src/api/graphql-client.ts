import { ApiError, apiErrorFromPayload, badResponseMessage, clientErrorCodes, networkErrorMessage } from './api-error.ts';

export const graphqlEndpoint = '/graphql';

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * Posts one GraphQL operation with the session cookie. The first error (if any) becomes an ApiError carrying the
 * server's code and bilingual message from `extensions`; a GraphQL error without our extensions (a schema mismatch)
 * is reported as SB_ERR_BAD_REQUEST with the raw message in both languages.
 */
export async function graphqlRequest<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(graphqlEndpoint, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: variables ?? {} }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw new ApiError(clientErrorCodes.aborted, { zh: '请求已取消', en: 'Request cancelled' });
    throw new ApiError(clientErrorCodes.network, networkErrorMessage, String(error));
  }

  let body: GraphqlResponse<T>;
  try {
    body = (await response.json()) as GraphqlResponse<T>;
  } catch {
    throw new ApiError(clientErrorCodes.badResponse, badResponseMessage, undefined, response.status);
  }

  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    if (typeof extensions.code === 'string' && typeof extensions.message === 'object') {
      throw apiErrorFromPayload(extensions, response.status);
    }
    throw new ApiError('SB_ERR_BAD_REQUEST', { zh: first.message, en: first.message }, extensions, response.status);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError(clientErrorCodes.badResponse, badResponseMessage, body, response.status);
  }
  return body.data;
}
