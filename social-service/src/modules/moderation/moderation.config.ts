import Type from 'typebox'

/** Reports one user files within any trailing 24 hours (429 `report-rate-limited` past it). */
export const moderationConfig = {
  REPORTS_PER_DAY: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
}
