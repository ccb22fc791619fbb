import type { Kysely } from 'kysely'

type Seed = [id: string, name: string, description: string, metric: string, threshold: number, points: number]

/** The achievements as first released; thresholds of focus hours are in minutes. Frozen: change with a new migration. */
const seeds: Seed[] = [
  ['first-focus-session', 'First focus', 'Complete your first focus session', 'focus_sessions', 1, 10],
  ['focus-sessions-10', 'Getting into it', 'Complete 10 focus sessions', 'focus_sessions', 10, 25],
  ['focus-sessions-100', 'Centurion', 'Complete 100 focus sessions', 'focus_sessions', 100, 100],
  ['focus-sessions-1000', 'Deep worker', 'Complete 1,000 focus sessions', 'focus_sessions', 1000, 500],
  ['focus-hours-25', '25 hours', 'Focus for 25 hours in all', 'focus_minutes', 1500, 50],
  ['focus-hours-100', '100 hours', 'Focus for 100 hours in all', 'focus_minutes', 6000, 150],
  ['focus-hours-1000', '1,000 hours', 'Focus for 1,000 hours in all', 'focus_minutes', 60000, 1000],
  ['first-daily-goal', 'Goal!', 'Reach your daily focus goal once', 'goal_days', 1, 10],
  ['goal-streak-7', 'Goal week', 'Reach your daily focus goal 7 days in a row', 'goal_streak', 7, 50],
  ['goal-streak-30', 'Goal month', 'Reach your daily focus goal 30 days in a row', 'goal_streak', 30, 200],
  ['goal-streak-100', 'Goal machine', 'Reach your daily focus goal 100 days in a row', 'goal_streak', 100, 750],
  ['first-check-in', 'First step', 'Complete a habit for the first time', 'check_ins', 1, 5],
  ['check-ins-100', 'Creature of habit', 'Complete habits 100 times', 'check_ins', 100, 100],
  ['habit-streak-7', 'One week strong', 'Keep a daily habit streak for 7 days', 'habit_streak', 7, 30],
  ['habit-streak-30', 'One month strong', 'Keep a daily habit streak for 30 days', 'habit_streak', 30, 150],
  ['habit-streak-365', 'One year strong', 'Keep a daily habit streak for 365 days', 'habit_streak', 365, 1000],
  ['first-task-done', 'Done!', 'Complete your first task', 'tasks_completed', 1, 10],
  ['tasks-done-100', 'Finisher', 'Complete 100 tasks', 'tasks_completed', 100, 150],
  ['perfect-day', 'Perfect day', 'Reach your focus goal and do every habit due that day', 'perfect_days', 1, 25],
  ['perfect-days-10', 'Ten perfect days', 'Have 10 perfect days', 'perfect_days', 10, 150],
]

export async function up(db: Kysely<unknown>) {
  await (db as Kysely<{ achievements: Record<string, unknown> }>)
    .insertInto('achievements')
    .values(
      seeds.map(([id, name, description, metric, threshold, points], index) => ({
        id,
        name,
        description,
        metric,
        threshold,
        points,
        sort_order: (index + 1) * 10,
      })),
    )
    .execute()
}
