import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchDocument, generateApiTypes, schemaFile } from '../../web/scripts/generate-api.ts'
import { edgeUrl } from '../stack.ts'

describe("the web app's generated API client", () => {
  it('matches the running stack’s OpenAPI document, so the app is type-checked against the real contract', async () => {
    const generated = (await generateApiTypes(await fetchDocument(edgeUrl))).split('\n')
    const committed = readFileSync(schemaFile, 'utf8').split('\n')
    const lines = Math.max(generated.length, committed.length)
    const firstDifference = Array.from({ length: lines }).findIndex((_, i) => generated[i] !== committed[i])
    expect(
      firstDifference,
      `web/src/api/schema.d.ts is stale from line ${firstDifference + 1} (the contract says ` +
        `${JSON.stringify(generated[firstDifference])}): run npm run generate:api -w @focushub/web, then npm run typecheck`,
    ).toBe(-1)
  })
})
