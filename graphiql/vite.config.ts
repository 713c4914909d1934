import { defineConfig } from 'vite';

// Relative asset paths: the gateway serves the build under /graphiql/, and nothing comes from a CDN.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    // The editor (Monaco) is one large chunk by nature; it is served from loopback or the hub's own network.
    chunkSizeWarningLimit: 5000,
    emptyOutDir: true,
    rollupOptions: {
      // React libraries mark their modules "use client", which means nothing in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
