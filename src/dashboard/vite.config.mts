// Vite builds the reference dashboard (this folder) into dist/dashboard, which the server serves at /
// (src/app/dashboard.ts). Everything it needs comes from npm: no CDN at run time.
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/**
 * govuk-frontend keeps one Internet Explorer 8 hack, `@media ... and (min-width: 0\\0)`, which Sass
 * turns into a replacement character that the CSS minifier (Lightning CSS) refuses. No browser the
 * dashboard supports reads that rule, so it is dropped before minifying.
 */
const dropLegacyInternetExplorerHacks = {
  postcssPlugin: 'drop-legacy-internet-explorer-hacks',
  AtRule: {
    media: (rule: { params: string; remove: () => void }) => {
      if (/\uFFFD|\\0\b/.test(rule.params)) rule.remove();
    },
  },
};

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    // govuk-frontend's fonts and images, named by its Sass settings ($govuk-assets-path); Vite copies
    // each one it meets in the styles into dist/dashboard/assets under a hashed name.
    alias: { '@govuk-assets': `${here}/../../node_modules/govuk-frontend/dist/govuk/assets` },
  },
  css: {
    postcss: { plugins: [dropLegacyInternetExplorerHacks] },
    preprocessorOptions: {
      // govuk-frontend's own Sass still uses functions Sass plans to retire; its warnings are not ours.
      scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'slash-div', 'if-function'] },
    },
  },
  build: {
    outDir: `${here}/../../dist/dashboard`,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    reportCompressedSize: false,
  },
});
