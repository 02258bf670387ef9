/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by madoguchi at /staff/; in development the API is proxied to it.
export default defineConfig({
  base: '/staff/',
  plugins: [react()],
  // ../frontend-shared holds input rules both SPAs import.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' }, fs: { allow: ['..'] } },
  build: { target: 'es2022', sourcemap: false },
  test: { environment: 'jsdom', globals: true, setupFiles: ['src/test-setup.ts'] },
});
