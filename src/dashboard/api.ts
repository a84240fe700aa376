import type { TypedDocumentString } from './gql/graphql';

/**
 * The dashboard's only way to the data: POST /graphql with a typed document from ./queries, and
 * the visitor's token if they pasted one (kept for this browser tab only, in sessionStorage).
 */

const TOKEN_KEY = 'tandem.token';

export function currentToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** What the API said went wrong, in its own words. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

type GraphQLResponse<T> = { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };

export async function request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  const token = currentToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), operationName: /\b(?:query|mutation)\s+(\w+)/.exec(document.toString())?.[1], variables }),
  });
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without a readable body.`, undefined, response.status);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code, response.status);
  if (!body.data) throw new ApiError('The API answered without data.', undefined, response.status);
  return body.data;
}
