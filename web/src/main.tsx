import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppQueryClient } from './api/query-client.ts'
import { refresh, session } from './api/session.ts'
import { App } from './app.tsx'
import './styles.css'

const queryClient = new AppQueryClient({
  defaultOptions: { queries: { staleTime: 10_000, retry: 1 }, mutations: { retry: false } },
})

// One user's cached data never shows to the next one signing in on this tab.
session.subscribe(() => {
  if (session.get().status === 'signed-out') queryClient.clear()
})

// A session kept from before a reload comes back before the first screen shows.
void refresh()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
