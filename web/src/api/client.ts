import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { refresh, session } from './session.ts'

export type { components, paths } from './schema'

const authorize: Middleware = {
  onRequest({ request }) {
    const token = session.accessToken()
    if (token) request.headers.set('authorization', `Bearer ${token}`)
    return request
  },
  // A refused access token (expired while the tab slept, or its sign-in revoked): a refresh brings a
  // new one, or signs out when the sign-in is over.
  onResponse({ response }) {
    if (response.status === 401) void refresh()
    return response
  },
}

/** The typed client of the public API (types generated from /api/v1/openapi.json), on the page's origin. */
export const api = createClient<paths>({ baseUrl: window.location.origin })
api.use(authorize)
