/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by madoguchi: assets at /r/assets/, pages at /r/{tenant}/… (index.html for all).
export default defineConfig({
  base: '/r/',
  plugins: [react()],
  // ../frontend-shared holds input rules both SPAs import.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' }, fs: { allow: ['..'] } },
  build: { target: 'es2022', sourcemap: false },
  test: { environment: 'jsdom', globals: true, setupFiles: ['src/test-setup.ts'] },
});
