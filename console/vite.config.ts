import { defineConfig } from 'vite';

// Relative asset paths: the gateway serves the build under /console/, and nothing comes from a CDN.
export default defineConfig({
  base: './',
  // The shared vocabulary is read from its TypeScript source, as the rest of the workspace does.
  resolve: { conditions: ['source'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // React libraries mark their modules "use client", which means nothing in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
