import { expectCatalogueDocumented } from '@focushub/shared/testing'
import { describe, it } from 'vitest'
import { socialErrors } from '../../src/errors.ts'

describe('the error catalogue', () => {
  it('is listed in the README, every code with its status', async () => {
    await expectCatalogueDocumented(socialErrors, new URL('../../README.md', import.meta.url))
  })
})
