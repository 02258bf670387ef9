/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by madoguchi: assets at /r/assets/, pages at /r/{tenant}/… (index.html for all).
export default defineConfig({
  base: '/r/',
  plugins: [react()],
  // ../frontend-shared holds what both SPAs import (input rules, dates, the API's errors).
  server: { proxy: { '/api': 'http://127.0.0.1:8080' }, fs: { allow: ['..'] } },
  build: { target: 'es2022', sourcemap: false },
  test: {
    environment: 'jsdom',
    // Globals, which ../frontend-shared's tests use: that folder has no packages to import vitest from.
    globals: true,
    setupFiles: ['src/test-setup.ts'],
    // Both SPAs run ../frontend-shared's tests, each with its own dependencies.
    include: ['src/**/*.test.{ts,tsx}', '../frontend-shared/**/*.test.ts'],
  },
});
