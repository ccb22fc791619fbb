// The open conversation's own live state: who is typing in it, and whether the page is in view (read
// receipts are sent only then). Its messages and receipts are read again by MessagesLink's listener.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { onLiveEvent } from '../api/live.ts'
import { typingShownMs } from './messages-text.ts'

/**
 * The members typing in the conversation now, by id: each typing event (at most one per member every
 * 3 s) shows them for `typingShownMs`; their message arriving ends it at once.
 */
export function useTyping(conversationId: string, userId: string) {
  const [typing, setTyping] = useState<Map<string, number>>(new Map())
  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>()
    const stop = (who: string) => {
      clearTimeout(timers.get(who))
      timers.delete(who)
      setTyping((shown) => {
        if (!shown.has(who)) return shown
        const next = new Map(shown)
        next.delete(who)
        return next
      })
    }
    const stopListening = onLiveEvent(({ type, userId: who, data }) => {
      if (data?.conversationId !== conversationId || !who || who === userId) return
      if (type === 'social.message.sent') stop(who)
      if (type !== 'social.conversation.typing') return
      clearTimeout(timers.get(who))
      timers.set(
        who,
        setTimeout(() => stop(who), typingShownMs),
      )
      setTyping((shown) => new Map(shown).set(who, Date.now()))
    })
    return () => {
      stopListening()
      for (const timer of timers.values()) clearTimeout(timer)
    }
  }, [conversationId, userId])
  return [...typing.keys()]
}

const subscribeVisibility = (changed: () => void) => {
  document.addEventListener('visibilitychange', changed)
  return () => document.removeEventListener('visibilitychange', changed)
}

/** Whether the page is shown (not a tab behind another, not a minimised window). */
export const useVisible = () => useSyncExternalStore(subscribeVisibility, () => document.visibilityState === 'visible')
