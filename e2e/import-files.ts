// Files other tools export, and FocusHub's own export, as the import tests send them (e2e/imports-loop.test.ts,
// e2e/browser/imports.test.ts).
import { zipSync } from 'fflate'
import { eventually, type SignedUp, send } from './client.ts'
import { edgeUrl } from './stack.ts'

/** The UTC date `days` before today (the test users' time zone is UTC); negative days are ahead. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
export const encode = (text: string) => new TextEncoder().encode(text)

/**
 * Loop Habit Tracker's CSV export as Loop 2.x writes it: Habits.csv, the
 * overall Checkmarks.csv and a folder per habit. Meditate daily (4 days to import: 2 YES_MANUAL is done, 3
 * SKIP skipped; YES_AUTO and NO are no check-in; tomorrow's, as a phone ahead of UTC writes it, is not
 * written), Run 3 times a week in km, Floss archived, 2 in 3 days.
 */
export function loopExport() {
  const habits = [
    'Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?',
    '001,Meditate,YES_NO,Did you meditate today?,,1,1,#00897B,,,,false',
    '002,Run,NUMERICAL,How many km did you run?,Morning runs,3,7,#D32F2F,km,AT_LEAST,5.0,false',
    '003,Floss,YES_NO,,,2,3,#5E35B1,,,,true',
  ].join('\n')
  const meditate = [
    `${daysAgo(-1)},2`,
    `${daysAgo(0)},2`,
    `${daysAgo(1)},2`,
    `${daysAgo(2)},3`,
    `${daysAgo(3)},1`,
    `${daysAgo(4)},2`,
    `${daysAgo(5)},0`,
  ]
  const run = [`${daysAgo(1)},6200`, `${daysAgo(3)},2500`, `${daysAgo(5)},0`]
  return zipSync({
    'Habits.csv': encode(habits),
    'Checkmarks.csv': encode(`Date,Meditate,Run,Floss,\n${daysAgo(0)},2,0,-1,\n`),
    '001 Meditate/Checkmarks.csv': encode(`${meditate.join('\n')}\n`),
    '001 Meditate/Scores.csv': encode(`${daysAgo(0)},0.5\n`),
    '002 Run/Checkmarks.csv': encode(`${run.join('\n')}\n`),
    '003 Floss/Checkmarks.csv': encode(`${daysAgo(2)},2\n`),
  })
}

/** An export of `user`'s account asked for through the API (as another device would), once its job has built it. */
export async function builtExport(user: SignedUp) {
  const as = { authorization: user.authorization }
  const asked = await send('POST', '/exports', as)
  if (asked.status !== 202) throw new Error(`POST /exports answered ${asked.status}: ${JSON.stringify(asked.body)}`)
  const built = await eventually(
    () => send('GET', `/exports/${asked.body.id}`, as),
    (answer) => answer.body.state !== 'pending',
    60_000,
  )
  return built.body
}

/**
 * FocusHub's own export of `user`'s account, as Settings' Export gives it: asked for, waited for while
 * notification-service's job builds it, and downloaded from the storage through its short-lived link.
 */
export async function focusHubExport(user: SignedUp) {
  const built = await builtExport(user)
  if (built.state !== 'ready') throw new Error(`the export is ${built.state}`)
  const link = await send('POST', `/exports/${built.id}/link`, { authorization: user.authorization })
  if (link.status !== 200) throw new Error(`its link answered ${link.status}: ${JSON.stringify(link.body)}`)
  const download = await fetch(`${edgeUrl}${link.body.url}`)
  if (download.status !== 200) throw new Error(`its download answered ${download.status}`)
  return new Uint8Array(await download.arrayBuffer())
}
