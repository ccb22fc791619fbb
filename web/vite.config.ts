import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `npm run dev -w @focushub/web` serves the app on :5173 and passes the API to the stack's NGINX.
export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:80' } },
})
