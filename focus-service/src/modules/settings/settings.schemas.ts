import Type from 'typebox'
import { PlanFields } from '../sessions/sessions.schemas.ts'

/** The plan a new session runs unless its start names another. */
export const Settings = Type.Object(PlanFields)

export const SettingsBody = Type.Object(PlanFields, { additionalProperties: false })
