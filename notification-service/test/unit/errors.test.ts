import { expectCatalogueDocumented } from '@focushub/shared/testing'
import { describe, it } from 'vitest'
import { notificationErrors } from '../../src/errors.ts'

describe('the error catalogue', () => {
  it('is listed in the README, every code with its status', async () => {
    await expectCatalogueDocumented(notificationErrors, new URL('../../README.md', import.meta.url))
  })
})
