import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumed,
  deliverEvents,
  expectProblem,
  invitation,
  newUser,
  startNotificationService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startNotificationService()
})
afterAll(() => service.close())

async function put(userId: string, payload: unknown) {
  return service.app.inject({
    method: 'PUT',
    url: '/notification-settings',
    headers: await service.bearer(userId),
    payload: payload as object,
  })
}

async function settingsOf(userId: string) {
  const response = await service.app.inject({ url: '/notification-settings', headers: await service.bearer(userId) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

const goal = (userId: string, localDate = '2026-03-10') =>
  consumed('focus.daily_goal.achieved', userId, { localDate, goalMinutes: 60, focusedMinutes: 60 })

const kindsOf = async (userId: string) =>
  (
    await service.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).orderBy('id').execute()
  ).map((row) => row.kind)

describe('notification settings', () => {
  it('answers the defaults until changed', async () => {
    expect(await settingsOf(newUser())).toEqual({
      muted: false,
      quietHours: null,
      kinds: {
        achievement_unlocked: { inApp: true, email: false },
        daily_goal_reached: { inApp: true, email: false },
        focus_session_shared: { inApp: true, email: false },
        project_invitation: { inApp: true, email: true },
        task_reminder: { inApp: true, email: true },
        daily_agenda: { inApp: true, email: true },
        streak_at_risk: { inApp: true, email: false },
        weekly_review: { inApp: true, email: true },
        friend_request: { inApp: true, email: true },
        friend_accepted: { inApp: true, email: false },
        new_follower: { inApp: true, email: false },
        direct_message: { inApp: true, email: false },
        webhook_disabled: { inApp: true, email: true },
        export_ready: { inApp: true, email: true },
      },
      defaultReminderMinutes: null,
      agenda: { enabled: false, time: '08:00' },
      streakNudge: { enabled: true, time: '20:00' },
      weeklyReview: { enabled: true, weekday: 1, time: '08:00' },
    })
  })

  it('replaces them; a kind not named gets its default, an empty quiet window is none', async () => {
    const me = newUser()
    const kinds = { daily_goal_reached: { inApp: false, email: true } }
    const first = await put(me, { muted: false, quietHours: { start: '22:00', end: '07:30' }, kinds })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({
      quietHours: { start: '22:00', end: '07:30' },
      kinds: { daily_goal_reached: { inApp: false, email: true }, project_invitation: { inApp: true, email: true } },
    })
    expect(await settingsOf(me)).toEqual(first.json())
    const second = await put(me, { muted: true, quietHours: { start: '08:00', end: '08:00' } })
    expect(second.json()).toMatchObject({
      muted: true,
      quietHours: null,
      kinds: { daily_goal_reached: { inApp: true } },
    })
  })

  it.each([
    [{ muted: false, quietHours: { start: '24:00', end: '07:00' } }],
    [{ muted: false, quietHours: null, kinds: { monthly_review: { inApp: true, email: true } } }],
    [{ muted: false, quietHours: null, kinds: { project_invitation: { inApp: true } } }],
    [{ muted: 'yes', quietHours: null }],
    [{ quietHours: null }],
    [{ muted: false, quietHours: null, colour: 'red' }],
    [{ muted: false, quietHours: null, defaultReminderMinutes: -5 }],
    [{ muted: false, quietHours: null, defaultReminderMinutes: 10081 }],
    [{ muted: false, quietHours: null, defaultReminderMinutes: 1.5 }],
    [{ muted: false, quietHours: null, agenda: { enabled: true, time: '8:00' } }],
    [{ muted: false, quietHours: null, agenda: { enabled: true } }],
    [{ muted: false, quietHours: null, streakNudge: { enabled: 'yes', time: '20:00' } }],
    [{ muted: false, quietHours: null, streakNudge: { enabled: true, time: '20:00', days: 7 } }],
    [{ muted: false, quietHours: null, weeklyReview: { enabled: true, weekday: 0, time: '08:00' } }],
    [{ muted: false, quietHours: null, weeklyReview: { enabled: true, weekday: 8, time: '08:00' } }],
    [{ muted: false, quietHours: null, weeklyReview: { enabled: true, weekday: 'monday', time: '08:00' } }],
    [{ muted: false, quietHours: null, weeklyReview: { enabled: true, time: '08:00' } }],
  ])('refuses %j with 400 problem+json', async (body) => {
    expectProblem(await put(newUser(), body), 400, 'validation-failed')
  })

  it('tells nothing of a kind whose in-app channel is off, and nothing at all while muted', async () => {
    const me = newUser()
    const off = { daily_goal_reached: { inApp: false, email: false } }
    expect((await put(me, { muted: false, quietHours: null, kinds: off })).statusCode).toBe(200)
    await deliverEvents(service, [goal(me), invitation(me)])
    expect(await kindsOf(me)).toEqual(['project_invitation'])
    expect((await put(me, { muted: true, quietHours: null })).statusCode).toBe(200)
    await deliverEvents(service, [goal(me, '2026-03-11'), invitation(me)])
    expect(await kindsOf(me)).toEqual(['project_invitation'])
    expect((await put(me, { muted: false, quietHours: null })).statusCode).toBe(200)
    await deliverEvents(service, [goal(me, '2026-03-12')])
    expect(await kindsOf(me)).toEqual(['project_invitation', 'daily_goal_reached'])
  })

  it("forgets a deleted user's settings", async () => {
    const me = newUser()
    await put(me, { muted: true, quietHours: null })
    await deliverEvents(service, [consumed('auth.user.deleted', me, {})])
    const rows = await service.db.selectFrom('notification_preferences').where('user_id', '=', me).selectAll().execute()
    expect(rows).toEqual([])
  })
})
