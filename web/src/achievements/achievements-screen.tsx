import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { type Achievement, useAchievements, useRewards } from './achievement-queries.ts'
import './achievements.css'

/** What each metric counts, after the numbers of its progress ("3 of 10 sessions"): one, many. */
const units: Record<string, [string, string]> = {
  focus_sessions: ['session', 'sessions'],
  focus_minutes: ['minute', 'minutes'],
  goal_days: ['goal day', 'goal days'],
  goal_streak: ['day in a row', 'days in a row'],
  check_ins: ['check-in', 'check-ins'],
  habit_streak: ['day in a row', 'days in a row'],
  tasks_completed: ['task', 'tasks'],
  perfect_days: ['perfect day', 'perfect days'],
}

const points = (count: number) => `${count.toLocaleString()} ${count === 1 ? 'point' : 'points'}`

/** Points and level, the achievements unlocked (with when) and the ones still locked with my progress. */
export function AchievementsScreen() {
  const achievements = useAchievements()
  const unlocked = achievements.data
    ?.filter((each) => each.unlocked)
    .sort((a, b) => (b.unlockedAt ?? '').localeCompare(a.unlockedAt ?? ''))
  const locked = achievements.data?.filter((each) => !each.unlocked)
  return (
    <main className="screen achievements">
      <h1>Achievements</h1>
      <Rewards />
      <FormMessage message={formMessage(achievements.error)} />
      {achievements.data && (
        <>
          <section aria-labelledby="unlocked-heading">
            <h2 id="unlocked-heading">{`Unlocked · ${unlocked?.length} of ${achievements.data.length}`}</h2>
            {unlocked?.length === 0 && <p className="muted">None yet: finish a focus session to unlock the first.</p>}
            <ul className="achievement-list">
              {unlocked?.map((achievement) => (
                <Unlocked key={achievement.id} achievement={achievement} />
              ))}
            </ul>
          </section>
          <section aria-labelledby="locked-heading">
            <h2 id="locked-heading">Still to unlock</h2>
            <ul className="achievement-list">
              {locked?.map((achievement) => (
                <Locked key={achievement.id} achievement={achievement} />
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  )
}

function Rewards() {
  const rewards = useRewards()
  if (!rewards.data) return <FormMessage message={formMessage(rewards.error)} />
  const { level, points: earned, levelStartsAt, nextLevelAt } = rewards.data
  return (
    <section aria-labelledby="level-heading" className="rewards">
      <h2 id="level-heading">{`Level ${level}`}</h2>
      <p className="points">{points(earned)}</p>
      <p className="muted" id="next-level">{`${points(nextLevelAt - earned)} to level ${level + 1}`}</p>
      <progress aria-labelledby="next-level" max={nextLevelAt - levelStartsAt} value={earned - levelStartsAt} />
      <p className="muted hint">
        Each achievement adds its points, and every day you reach your daily focus goal adds 10.
      </p>
    </section>
  )
}

function Unlocked({ achievement }: { achievement: Achievement }) {
  const unlockedAt = achievement.unlockedAt ?? ''
  return (
    <li className="achievement unlocked">
      <span className="name">{achievement.name}</span>
      <span className="award">{`+${points(achievement.points)}`}</span>
      <span className="muted description">{achievement.description}</span>
      <span className="muted">
        {'Unlocked '}
        <time dateTime={unlockedAt}>{new Date(unlockedAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}</time>
      </span>
    </li>
  )
}

function Locked({ achievement }: { achievement: Achievement }) {
  const unit = units[achievement.metric]?.[achievement.target === 1 ? 0 : 1] ?? ''
  const progressId = `progress-${achievement.id}`
  return (
    <li className="achievement">
      <span className="name">{achievement.name}</span>
      <span className="award muted">{points(achievement.points)}</span>
      <span className="muted description">{achievement.description}</span>
      <span className="muted" id={progressId}>
        {`${achievement.progress.toLocaleString()} of ${achievement.target.toLocaleString()} ${unit}`.trim()}
      </span>
      <progress aria-labelledby={progressId} max={achievement.target} value={achievement.progress} />
    </li>
  )
}
