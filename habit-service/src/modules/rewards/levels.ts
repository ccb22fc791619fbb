/** Points a user needs to reach a level: level n from 100·(n−1)² points (0, 100, 400, 900, …). */
export const pointsForLevel = (level: number) => 100 * (level - 1) ** 2

export const levelOf = (points: number) => 1 + Math.floor(Math.sqrt(Math.max(0, points) / 100))

/** Points granted for each local day the daily focus goal is reached (once per day). */
export const dailyGoalPoints = 10
