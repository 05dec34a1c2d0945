import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer with relative paths, served by the Electron app:// protocol
// or by the preview server (test/preview/), both under the same Content-Security-Policy.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // no inline scripts or module-preload polyfill: the CSP allows scripts from our origin only
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
