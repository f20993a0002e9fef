import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Modules of these packages (a `|`-separated list) under node_modules. */
const packages = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

// Paths are relative to web/ (npm runs workspace scripts there); the server serves web/dist.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // web/scripts/measure-first-load.mjs reads it to add up what a first page downloads.
    manifest: true,
    rolldownOptions: {
      output: {
        // Each page is its own chunk (router.tsx); these groups keep the libraries apart from the
        // pages, so a release that changes a page leaves the library files cached.
        codeSplitting: {
          groups: [
            { name: 'react', test: packages('react|react-dom|scheduler|react-router|cookie'), priority: 40 },
            // Charts only on the pages that draw them; zrender apart keeps each file under 500 kB.
            { name: 'zrender', test: packages('zrender|tslib'), priority: 35 },
            { name: 'echarts', test: packages('echarts'), priority: 30 },
            // The part of antd every page needs (theme, locale, App, Form, Button …); the components
            // only some pages use are left to automatic chunking, so a page fetches just its own.
            {
              name: 'antd',
              test: packages(
                'antd|@ant-design|@rc-component|rc-[\\w-]+|@babel|classnames|dayjs|stylis|@emotion',
              ),
              tags: ['$initial'],
              priority: 20,
            },
            { name: 'query', test: packages('@tanstack'), priority: 20 },
            { name: 'zod', test: packages('zod'), priority: 20 },
            // @tiegui/domain: labels, catalogs and schemas, built on zod when first imported.
            { name: 'domain', test: /[\\/]domain[\\/]src[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // TIEGUI_API points the dev proxy at another server, e.g. one started on a spare port.
    proxy: { '/api': { target: process.env.TIEGUI_API ?? 'http://localhost:3000' } },
  },
});
