import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { renderCatalogue } from '../../src/events/catalogue.ts'

describe('event catalogue', () => {
  it('docs/events.md is what the contracts generate (run: node shared/src/events/catalogue.ts > docs/events.md)', async () => {
    const committed = await readFile(new URL('../../../docs/events.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderCatalogue())
  })
})
