import { Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { Email } from '../../schemas/common.ts'

export const UserByEmailQuery = Type.Object({ email: Email }, { additionalProperties: false })

/** What another service may learn of a user it was told the e-mail of: no more than a member list shows. */
export const UserReference = Type.Object({ id: Uuid, displayName: Type.String() })
