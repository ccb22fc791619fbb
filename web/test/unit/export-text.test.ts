import { describe, expect, it } from 'vitest'
import {
  collectionName,
  contentsText,
  exportName,
  exportStatusText,
  refreshInterval,
} from '../../src/settings/export-text.ts'

const file = (path: string, items: number) => ({ path, items })

describe('export text', () => {
  it('names an export by when it was asked for, in the given time zone', () => {
    expect(exportName({ createdAt: '2026-12-08T09:00:05Z' }, 'Europe/Paris')).toBe('Export of 8 Dec, 10:00:05')
  })

  it('names collections by their file, with the few whose file says too little named in words', () => {
    expect(collectionName('tasks/tasks.json')).toBe('tasks')
    expect(collectionName('habits/check-ins.json')).toBe('check-ins')
    expect(collectionName('account/personal-access-tokens.json')).toBe('personal access tokens')
    expect(collectionName('focus/sessions.json')).toBe('focus sessions')
    expect(collectionName('notifications/preferences.json')).toBe('notification settings')
  })

  it('says what a ZIP holds in a line: collections with items, the usual ones first, then how many more', () => {
    const contents = [
      file('account/profile.json', 1),
      file('tasks/projects.json', 2),
      file('tasks/tasks.json', 12),
      file('tasks/labels.json', 0),
      file('habits/habits.json', 3),
      file('habits/check-ins.json', 40),
      file('social/likes.json', 5),
    ]
    expect(contentsText(contents)).toBe('tasks: 12, projects: 2, habits: 3, check-ins: 40 and 2 more')
    expect(contentsText(contents, 10)).toBe('tasks: 12, projects: 2, habits: 3, check-ins: 40, profile: 1, likes: 5')
    expect(contentsText([file('tasks/labels.json', 0)])).toBe('Nothing')
    expect(contentsText([])).toBe('Nothing')
  })

  it('says an export is being prepared while one is, then how the one asked for here ended', () => {
    const pending = { id: 'a', state: 'pending' as const }
    const ready = { id: 'a', state: 'ready' as const }
    expect(exportStatusText([pending, { id: 'b', state: 'ready' }], 'b')).toMatch(/^Preparing your export/)
    expect(exportStatusText([ready], 'a')).toBe('Your export is ready to download.')
    expect(exportStatusText([{ id: 'a', state: 'failed' }], 'a')).toBe('Your export could not be prepared.')
    // One not asked for on this screen says nothing once done.
    expect(exportStatusText([ready])).toBe('')
  })

  it('reads the list again every 2 s while an export is being built, else never', () => {
    expect(refreshInterval([{ state: 'ready' }, { state: 'pending' }])).toBe(2000)
    expect(refreshInterval([{ state: 'ready' }, { state: 'failed' }])).toBe(false)
    expect(refreshInterval([])).toBe(false)
  })
})
