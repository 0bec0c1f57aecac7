// One GraphQL request over HTTP (with a bearer token, if given); any error fails the bench with
// its message.

export async function postGraphql(
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: Record<string, any> | null; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${url} answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
  if (response.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return body.data;
}
