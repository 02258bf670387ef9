/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by madoguchi at /staff/; in development the API is proxied to it.
export default defineConfig({
  base: '/staff/',
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
