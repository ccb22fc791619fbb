import { randomUUID } from 'node:crypto'
import { localDateOf } from '@focushub/shared/time'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSse, openWs } from '../gateway/test/integration/live-clients.ts'
import { eventually } from './client.ts'
import { edgeUrl, processes } from './stack.ts'

/**
 * DESIGN.md §5's flows on the running stack, called through NGINX as a client would: one focus
 * session on a task credits the task, checks in the focus-linked habit, unlocks achievements and
 * reaches the daily goal once; an SSE client on gateway replica 1 and a WebSocket client on
 * replica 2 both see every event of it.
 */

const api = `${edgeUrl}/api/v1`
const password = 'correct horse battery'
const minute = 60_000
const goalMinutes = 30
const deadlineMs = 20_000

/**
 * A fixed-offset zone where it is about noon now: the sessions logged below (the last hour) fall
 * in the user's local today whatever time the test runs, and that local date is also today in
 * UTC, so it does not matter whether a service has already heard the user's timezone.
 */
function noonZone(now: Date) {
  const offset = 12 - now.getUTCHours()
  if (offset === 0) return 'UTC'
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
}

async function send(method: string, path: string, body?: unknown, authorization?: string, base = api) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(authorization ? { authorization } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

interface LiveEvent {
  id: string
  type: string
  userId: string
  data: Record<string, unknown>
}

const achievementsUnlocked = ['first-focus-session', 'first-daily-goal', 'first-check-in', 'perfect-day']
/** Each achievement's points, plus the 10 points the daily goal itself grants (once per day). */
const expectedPoints = 10 + 10 + 5 + 25 + 10

/** What the flow must push to the user's streams: the session, the goal, the check-in and every unlock. */
function flowComplete(events: LiveEvent[], sessionId: string, habitId: string, today: string) {
  const unlocked = new Set(
    events.filter((e) => e.type === 'habit.achievement.unlocked').map((e) => e.data.achievementId),
  )
  return (
    events.some((e) => e.type === 'focus.session.completed' && e.data.sessionId === sessionId) &&
    events.some((e) => e.type === 'focus.daily_goal.achieved' && e.data.localDate === today) &&
    events.some((e) => e.type === 'habit.checked_in' && e.data.habitId === habitId && e.data.status === 'done') &&
    achievementsUnlocked.every((id) => unlocked.has(id))
  )
}

describe('the cross-service flows, end to end through NGINX', () => {
  const now = new Date()
  const timezone = noonZone(now)
  const today = localDateOf(now, { timezone, dayStartHour: 0 })
  let authorization: string
  let userId: string
  let task: { id: string; projectId: string }
  let habit: { id: string }
  let session: { id: string }
  let sse: Awaited<ReturnType<typeof openSse>>
  let ws: Awaited<ReturnType<typeof openWs>>

  const sseEvents = () => sse.events() as LiveEvent[]
  const wsEvents = () => ws.events().map((m) => m.event as LiveEvent)

  beforeAll(async () => {
    const email = `e2e-flows-${randomUUID()}@example.com`
    const registered = await send('POST', '/auth/register', { email, password, displayName: 'Flows', timezone })
    expect(registered.status).toBe(201)
    userId = registered.body.user.id
    const login = await send('POST', '/auth/login', { email, password })
    expect(login.status).toBe(200)
    authorization = `Bearer ${login.body.accessToken}`

    const goal = await send('PUT', '/focus/goal', { minutes: goalMinutes }, authorization)
    expect(goal.status).toBe(200)
    expect(goal.body.today).toMatchObject({ localDate: today, focusedMinutes: 0, achieved: false })
    const created = await send('POST', '/tasks', { title: 'Write the flows test', due: today }, authorization)
    expect(created.status).toBe(201)
    task = created.body
    const linked = await send(
      'POST',
      '/habits',
      { name: `Focus ${goalMinutes} minutes a day`, focusLinked: true, target: goalMinutes },
      authorization,
    )
    expect(linked.status).toBe(201)
    expect(linked.body).toMatchObject({ kind: 'measurable', unit: 'minutes', focusLinked: true, startDate: today })
    habit = linked.body

    // Held on different replicas before anything happens, so neither can see it only by resuming.
    const [first, second] = [processes['gateway-1'], processes['gateway-2']]
    sse = await openSse(`${first}/api/v1/events`, { authorization })
    expect(sse.response.status).toBe(200)
    await sse.named('ready')
    const ticket = await send('POST', '/events/ticket', {}, authorization, `${second}/api/v1`)
    expect(ticket.status).toBe(201)
    ws = await openWs(`${second.replace(/^http/, 'ws')}/api/v1/ws?ticket=${ticket.body.ticket}`)
    expect(ws.messages.some((m) => m.kind === 'ready')).toBe(true)

    // The last 40 minutes, on the task: more than the goal and the habit's target at once.
    const logged = await send(
      'POST',
      '/focus/sessions/manual',
      {
        startedAt: new Date(now.getTime() - 41 * minute).toISOString(),
        endedAt: new Date(now.getTime() - minute).toISOString(),
        taskId: task.id,
      },
      authorization,
    )
    expect(logged.status).toBe(201)
    session = logged.body
  })

  afterAll(async () => {
    ws?.close()
    await sse?.close()
  })

  it('shows the focused minutes on the task', async () => {
    const answer = await eventually(
      () => send('GET', `/tasks/${task.id}`, undefined, authorization),
      (r) => r.status === 200 && r.body.focusedMinutes > 0,
    )
    expect(answer.body).toMatchObject({ focusedMinutes: 40, pomodorosDone: 0, status: 'todo', version: 1 })
  })

  it('checks in the focus-linked habit for today', async () => {
    const answer = await eventually(
      () => send('GET', '/habits', undefined, authorization),
      (r) => r.status === 200 && r.body.items[0]?.summary.today !== null,
    )
    expect(answer.body.items).toHaveLength(1)
    expect(answer.body.items[0]).toMatchObject({
      id: habit.id,
      today,
      summary: { today: { status: 'done', value: 40 }, currentStreak: 1, dueToday: true },
    })
  })

  it('unlocks the achievements and grants the rewards', async () => {
    const rewards = await eventually(
      () => send('GET', '/rewards', undefined, authorization),
      (r) => r.status === 200 && r.body.unlocked.length >= achievementsUnlocked.length,
    )
    expect(rewards.body.unlocked.map((a: { id: string }) => a.id).sort()).toEqual([...achievementsUnlocked].sort())
    expect(rewards.body).toMatchObject({ points: expectedPoints, level: 1 })

    const achievements = await send('GET', '/achievements?limit=200', undefined, authorization)
    expect(achievements.status).toBe(200)
    const byId = new Map(achievements.body.items.map((a: { id: string }) => [a.id, a]))
    expect(byId.get('first-focus-session')).toMatchObject({ unlocked: true, progress: 1 })
    expect(byId.get('focus-sessions-10')).toMatchObject({ unlocked: false, progress: 1 })
    expect(byId.get('focus-hours-25')).toMatchObject({ unlocked: false, progress: 40 })
  })

  it('pushes every event of the flow to the SSE client on replica 1 and the WebSocket client on replica 2', async () => {
    await sse.until(() => flowComplete(sseEvents(), session.id, habit.id, today), deadlineMs)
    await ws.until(() => flowComplete(wsEvents(), session.id, habit.id, today), deadlineMs)
    for (const events of [sseEvents(), wsEvents()]) {
      expect(events.every((e) => e.userId === userId)).toBe(true)
      expect(
        events.find((e) => e.type === 'focus.session.completed' && e.data.sessionId === session.id)?.data,
      ).toMatchObject({
        taskId: task.id,
        focusedMinutes: 40,
        localDate: today,
        manual: true,
        completedBy: 'log',
      })
      const unlocks = events.filter((e) => e.type === 'habit.achievement.unlocked').map((e) => e.data.achievementId)
      expect([...unlocks].sort()).toEqual([...achievementsUnlocked].sort())
    }
    // Each event once per client: the replicas fan out, they do not duplicate.
    expect(new Set(sseEvents().map((e) => e.id)).size).toBe(sseEvents().length)
    expect(new Set(wsEvents().map((e) => e.id)).size).toBe(wsEvents().length)
  })

  it('reaches the daily goal once', async () => {
    const goal = await send('GET', '/focus/goal', undefined, authorization)
    expect(goal.body).toMatchObject({
      minutes: goalMinutes,
      today: { localDate: today, focusedMinutes: 40, achieved: true },
    })

    // A second session the same day adds minutes everywhere but no second goal event or reward.
    const more = await send(
      'POST',
      '/focus/sessions/manual',
      {
        startedAt: new Date(now.getTime() - 55 * minute).toISOString(),
        endedAt: new Date(now.getTime() - 45 * minute).toISOString(),
        taskId: task.id,
      },
      authorization,
    )
    expect(more.status).toBe(201)
    await eventually(
      async () => (await send('GET', `/tasks/${task.id}`, undefined, authorization)).body.focusedMinutes,
      (minutes) => minutes === 50,
    )
    await eventually(
      async () => (await send('GET', '/habits', undefined, authorization)).body.items[0].summary.today,
      (day) => day.value === 50,
    )
    const second = (e: LiveEvent) => e.type === 'focus.session.completed' && e.data.sessionId === more.body.id
    await sse.until(() => sseEvents().some(second), deadlineMs)
    await ws.until(() => wsEvents().some(second), deadlineMs)

    expect((await send('GET', '/focus/goal', undefined, authorization)).body.today).toMatchObject({
      focusedMinutes: 50,
      achieved: true,
    })
    expect((await send('GET', '/rewards', undefined, authorization)).body.points).toBe(expectedPoints)
    for (const events of [sseEvents(), wsEvents()]) {
      const goals = events.filter((e) => e.type === 'focus.daily_goal.achieved')
      expect(goals).toHaveLength(1)
      expect(goals[0]?.data).toMatchObject({ localDate: today, goalMinutes, focusedMinutes: 40 })
    }
  })

  it('answers the dashboard with every section and the day in it', async () => {
    const dashboard = await send('GET', '/dashboard', undefined, authorization)
    expect(dashboard.status).toBe(200)
    const { tasks, focus, habits, achievements } = dashboard.body
    for (const section of [tasks, focus, habits, achievements]) expect(section.status).toBe('ok')
    expect(tasks.data.dueToday.items.map((t: { id: string }) => t.id)).toEqual([task.id])
    expect(tasks.data.overdue.items).toEqual([])
    expect(focus.data.goal).toMatchObject({
      minutes: goalMinutes,
      today: { localDate: today, focusedMinutes: 50, achieved: true },
    })
    expect(focus.data.current).toEqual({ session: null })
    expect(habits.data.list.items).toHaveLength(1)
    expect(habits.data.list.items[0]).toMatchObject({ id: habit.id, summary: { today: { status: 'done', value: 50 } } })
    expect(achievements.data.rewards).toMatchObject({ points: expectedPoints })
    expect(achievements.data.rewards.unlocked.map((a: { id: string }) => a.id).sort()).toEqual(
      [...achievementsUnlocked].sort(),
    )
  })
})
