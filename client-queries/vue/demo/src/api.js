// The router client of the demo. Dashboard reads are sent by persisted id only
// (extensions.persistedQuery.sha256Hash, ids from client-queries/manifest.json at build time);
// the sign-in mutation is sent as text (no `vue` sign-in operation is persisted yet).
/* global __PERSISTED_IDS__ */

export const PERSISTED_IDS = __PERSISTED_IDS__

// ?router=<url> at run time, else VITE_ROUTER_URL at build time, else same origin.
export function routerUrl(location = window.location) {
  const fromQuery = new URLSearchParams(location.search).get('router')
  return fromQuery || import.meta.env.VITE_ROUTER_URL || '/graphql'
}

const SIGN_IN = `mutation VueDemoSignIn($email: String!, $password: String!) {
  accountLogin(input: { email: $email, password: $password }) {
    tokens { accessToken }
    errors { code message }
  }
}`

export class GraphQLFailure extends Error {
  constructor(errors) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '))
    this.errors = errors
  }
}

async function post(url, body, token) {
  // application/json is a non-simple content type: the router's CSRF prevention lets it through.
  const headers = { 'content-type': 'application/json', accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  const payload = await response.json()
  if (payload.errors?.length) throw new GraphQLFailure(payload.errors)
  return payload.data
}

export function runPersisted(url, name, variables, token) {
  const sha256Hash = PERSISTED_IDS[name]
  return post(url, { operationName: name, variables,
                     extensions: { persistedQuery: { version: 1, sha256Hash } } }, token)
}

export async function signIn(url, email, password) {
  const data = await post(url, { query: SIGN_IN, operationName: 'VueDemoSignIn',
                                 variables: { email, password } })
  const { tokens, errors } = data.accountLogin
  if (errors?.length) throw new GraphQLFailure(errors.map((e) => ({ ...e, extensions: { code: e.code } })))
  return tokens.accessToken
}
