import { type FormEvent, useEffect, useRef, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { isWrongPassword, useDeleteAccount } from './profile-queries.ts'

/** Deleting the account, behind a dialog that asks for the password (as `DELETE /auth/me` requires). */
export function DeleteAccountSection() {
  const [confirming, setConfirming] = useState(false)
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>Your account is closed at once and your personal data erased. This cannot be undone.</p>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete account…
      </button>
      {confirming && <ConfirmDeletion onClose={() => setConfirming(false)} />}
    </section>
  )
}

function ConfirmDeletion({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [password, setPassword] = useState('')
  const remove = useDeleteAccount()
  // Modal: the rest of the page is inert and Escape cancels (the dialog's own close event).
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal()
  }, [])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    remove.mutate(password)
  }
  const passwordMessage = isWrongPassword(remove.error) ? remove.error?.message : fieldMessage(remove.error, 'password')
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="confirm-delete-heading" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h3 id="confirm-delete-heading">Delete your account?</h3>
        <p>Everything you keep in FocusHub goes with it. Enter your password to confirm.</p>
        <FormMessage message={isWrongPassword(remove.error) ? undefined : formMessage(remove.error)} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={passwordMessage}
        />
        <div className="confirm-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={remove.isPending}>
            Delete my account
          </button>
        </div>
      </form>
    </dialog>
  )
}
