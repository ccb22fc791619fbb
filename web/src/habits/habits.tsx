import { HabitDetailScreen } from './habit-detail-screen.tsx'
import { HabitsScreen } from './habits-screen.tsx'
import './habits.css'

/** The Habits screens, loaded on first visit (app.tsx): the list, or one habit by id. */
export default function Habits({ habitId }: { habitId?: string }) {
  return habitId ? <HabitDetailScreen key={habitId} habitId={habitId} /> : <HabitsScreen />
}
