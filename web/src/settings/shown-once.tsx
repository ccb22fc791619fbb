import { useState } from 'react'

/** A secret the API answers only once (a token, a link): shown with a copy button until the user is done. */
export function ShownOnce({
  label,
  title,
  secret,
  onClose,
}: {
  label: string
  title: string
  secret: string
  onClose: () => void
}) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard.writeText(secret)
    setCopied(true)
  }
  return (
    <div className="new-token" role="status" aria-label={label}>
      <p>
        <strong>{title}</strong> it will not be shown again.
      </p>
      <output className="token-value">{secret}</output>
      <div className="token-actions">
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  )
}
