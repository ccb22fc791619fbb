/** A participant's chat budget: a token bucket (room_participants.chat_tokens, chat_refilled_at). */
export interface ChatBudget {
  tokens: number
  refilledAt: Date
}

export interface ChatBudgetRule {
  /** The bucket's size: messages one may send at once after a quiet while. */
  burst: number
  /** One token more every this many milliseconds, up to the burst. */
  refillMs: number
}

export type ChatSpend = { allowed: true; budget: ChatBudget } | { allowed: false; retryAfterMs: number }

/** Spends one token at `now`, after refilling what the time since the last refill earned. */
export function spendChatToken(budget: ChatBudget, now: Date, rule: ChatBudgetRule): ChatSpend {
  const elapsedMs = Math.max(0, now.getTime() - budget.refilledAt.getTime())
  const tokens = Math.min(rule.burst, budget.tokens + elapsedMs / rule.refillMs)
  if (tokens >= 1) return { allowed: true, budget: { tokens: tokens - 1, refilledAt: now } }
  return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) * rule.refillMs) }
}

/**
 * The budget someone (re)joining a room starts with: the burst, less what they sent in this room within the
 * time a full bucket takes to refill (burst × refillMs; a message that long ago has been refilled). Leaving
 * and joining again so never refills it.
 */
export function budgetOnJoin(sentRecently: number, now: Date, rule: ChatBudgetRule): ChatBudget {
  return { tokens: Math.max(0, rule.burst - sentRecently), refilledAt: now }
}

/** How far back budgetOnJoin counts a participant's messages. */
export const refillWindowMs = (rule: ChatBudgetRule) => rule.burst * rule.refillMs
