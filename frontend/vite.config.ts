import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The backend serves webroot/ from the classpath, so Vite writes straight into the jar's classes.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      output: {
        // Libraries change less often than our code: separate files stay cached across releases.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          mantine: ['@mantine/core', '@mantine/hooks', '@mantine/form', '@mantine/notifications'],
          query: ['@tanstack/react-query', 'openapi-fetch'],
        },
      },
    },
  },
  server: {
    // `npm run dev` against a backend started with `java -jar backend/target/testbridge.jar`.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/health': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    // A ceiling, not a wait: tests wait on what they expect to see. jsdom renders of the larger
    // pages take several seconds on a busy 2-core machine, past Vitest's default of 5 s.
    testTimeout: 30_000,
  },
});
