import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to web/ (npm runs workspace scripts there); the server serves web/dist.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: {
    port: 5173,
    // TIEGUI_API points the dev proxy at another server, e.g. one started on a spare port.
    proxy: { '/api': { target: process.env.TIEGUI_API ?? 'http://localhost:3000' } },
  },
});
