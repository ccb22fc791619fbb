import { useEffect, useState } from 'react'

/** What was typed, once typing has stopped for a moment: a search box's query, sent once per pause. */
export function useSettled(value: string, delayMs = 250) {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const typing = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(typing)
  }, [value, delayMs])
  return settled
}
