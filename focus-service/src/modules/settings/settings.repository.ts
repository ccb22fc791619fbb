import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { Plan } from '../sessions/sessions.schemas.ts'

export interface FocusSettings extends Plan {
  dailyGoalMinutes: number
}

/** Until a user changes anything: the classic Pomodoro, and four of them a day. */
export const defaultSettings: FocusSettings = {
  workMinutes: 25,
  shortBreakMinutes: 5,
  longBreakMinutes: 15,
  cyclesBeforeLongBreak: 4,
  dailyGoalMinutes: 100,
}

export async function findSettings(db: Kysely<Database>, userId: string): Promise<FocusSettings> {
  const row = await db.selectFrom('user_settings').selectAll().where('user_id', '=', userId).executeTakeFirst()
  if (!row) return defaultSettings
  return {
    workMinutes: row.work_minutes,
    shortBreakMinutes: row.short_break_minutes,
    longBreakMinutes: row.long_break_minutes,
    cyclesBeforeLongBreak: row.cycles_before_long_break,
    dailyGoalMinutes: row.daily_goal_minutes,
  }
}

export async function saveSettings(db: Kysely<Database>, userId: string, settings: FocusSettings, now: Date) {
  const row = {
    work_minutes: settings.workMinutes,
    short_break_minutes: settings.shortBreakMinutes,
    long_break_minutes: settings.longBreakMinutes,
    cycles_before_long_break: settings.cyclesBeforeLongBreak,
    daily_goal_minutes: settings.dailyGoalMinutes,
    updated_at: now,
  }
  await db
    .insertInto('user_settings')
    .values({ user_id: userId, ...row })
    .onConflict((c) => c.column('user_id').doUpdateSet(row))
    .execute()
}
