import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer, built to dist/renderer and served by the browser-mode server or Electron's
// winnow:// scheme. Relative asset paths so both origins work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
});
