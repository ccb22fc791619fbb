import { errors } from '../errors.ts'

/** The version a write is conditioned on: from the body, else from If-Match ("3", W/"3" or 3). */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(ifMatch.trim())
  if (!match)
    throw errors.validation('If-Match must name a version', [
      { field: '/headers/if-match', message: 'is not a version' },
    ])
  return Number(match[1])
}

export const etagOf = (version: number) => `"${version}"`
