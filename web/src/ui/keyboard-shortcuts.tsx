import { useCallback, useRef } from 'react'
import { useLocation } from 'wouter'
import { useShortcut } from './use-shortcut.ts'
import './keyboard-shortcuts.css'

const shortcuts: [keys: string[], what: string][] = [
  [['/'], 'Search tasks'],
  [['n'], 'Open notifications'],
  [['q'], 'Add a task (Today, a project)'],
  [['j', 'k'], 'Focus the next or previous task'],
  [['x'], 'Complete the focused task'],
  [['Space'], 'On a Move handle: pick the task up; arrow keys move it, Space drops it, Escape cancels'],
  [['?'], 'Show these shortcuts'],
]

/**
 * The app-wide keys: `/` opens Search, `n` the notifications and `?` the list of every shortcut, in a modal dialog (also
 * opened by its header button; Escape or Close shuts it).
 */
export function KeyboardShortcuts() {
  const dialog = useRef<HTMLDialogElement>(null)
  const [location, navigate] = useLocation()
  const show = useCallback(() => dialog.current?.showModal(), [])
  useShortcut('?', show)
  useShortcut(
    '/',
    useCallback(() => {
      if (location !== '/search') navigate('/search')
    }, [location, navigate]),
  )
  useShortcut(
    'n',
    useCallback(() => {
      if (location !== '/notifications') navigate('/notifications')
    }, [location, navigate]),
  )
  return (
    <>
      <button type="button" className="quiet" aria-haspopup="dialog" aria-label="Keyboard shortcuts" onClick={show}>
        ?
      </button>
      <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <dl>
          {shortcuts.map(([keys, what]) => (
            <div key={what}>
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  )
}
