import { defineConfig } from 'vitest/config'

const services =
  '{shared,auth-service,task-service,focus-service,habit-service,notification-service,social-service,gateway,load-balancer}'

export default defineConfig({
  test: {
    // Three test files at a time: much of a file's time is spent waiting on the stack (I/O, timers — four
    // files wait out a real minute of a timer or a schedule). The whole run took 601 s with three and 811 s
    // with two (2026-12-07, 272 files); vitest's default here would be one.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: [`${services}/test/unit/**/*.test.ts`, 'scripts/test/**/*.test.ts', 'web/test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: [`${services}/test/integration/**/*.test.ts`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['shared/src/testing/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          exclude: ['e2e/stack/**'],
          // A browser flow (three at a time in a file, beside other files') runs axe, screenshots and
          // reloads on 2 busy cores: 30 s was once too little for a flow that takes ~12 s when quiet.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A condition through the whole stack (and a browser) on 2 busy cores can take seconds, not vitest's 1
          // s: with three files at a time, a settings form once took more than 10 s to show its profile.
          expect: { poll: { timeout: 20_000 } },
          // A browser file's flows three at a time (vitest's default is five): with three files at a time,
          // five Chromium pages per file starved the cores.
          maxConcurrency: 3,
        },
      },
      {
        test: {
          // Tests that kill processes of the shared stack: alone, after every other project (groupOrder).
          name: 'stack',
          include: ['e2e/stack/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
