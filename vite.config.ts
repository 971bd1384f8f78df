/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { deferredSections } from './src/app/i18n/sections';

/** `virtual:locale-meta`: each locale file's `meta` block, without pulling its translations into the bundle. */
function localeMeta(): Plugin {
  const id = 'virtual:locale-meta';
  return {
    name: 'many-voices-locale-meta',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const meta: Record<string, unknown> = {};
      for (const file of readdirSync('locales').filter((f) => f.endsWith('.json'))) {
        this.addWatchFile(`locales/${file}`);
        // Only the flag the language picker shows: every language's entry is in the first download.
        meta[file.replace(/\.json$/, '')] = { reviewed: JSON.parse(readFileSync(`locales/${file}`, 'utf8')).meta?.reviewed === true };
      }
      return `export default ${JSON.stringify(meta)};`;
    },
  };
}

/**
 * `virtual:locale-loaders`: for each resident locale file, a loader for its first chunk,
 * `virtual:locale-part/<code>/core`, which holds every section but the deferred ones
 * (src/app/i18n/sections.ts) and the loaders of those, each `virtual:locale-part/<code>/<section>`. So the
 * first download names one chunk per language, and a language's other chunks are named in its own.
 * Translators still keep one file per language.
 */
function localeParts(): Plugin {
  const loadersId = 'virtual:locale-loaders';
  const partPrefix = 'virtual:locale-part/';
  const deferred: readonly string[] = deferredSections;
  const importOf = (code: string, name: string) => `() => import(${JSON.stringify(`${partPrefix}${code}/${name}`)})`;
  return {
    name: 'many-voices-locale-parts',
    resolveId: (source) => (source === loadersId || source.startsWith(partPrefix) ? `\0${source}` : undefined),
    load(resolved) {
      if (resolved === `\0${loadersId}`) {
        const codes = readdirSync('locales').filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
        return `export default { ${codes.map((code) => `${JSON.stringify(code)}: ${importOf(code, 'core')}`).join(',\n')} };`;
      }
      if (!resolved.startsWith(`\0${partPrefix}`)) return undefined;
      const [code = '', name = ''] = resolved.slice(partPrefix.length + 1).split('/');
      const file = `locales/${code}.json`;
      this.addWatchFile(file);
      const strings = (JSON.parse(readFileSync(file, 'utf8')) as { translation: Record<string, unknown> }).translation;
      const picked = Object.fromEntries(Object.entries(strings).filter(([section]) => (name === 'core' ? !deferred.includes(section) : section === name)));
      const sections = name === 'core' ? `\nexport const sections = { ${deferred.map((s) => `${JSON.stringify(s)}: ${importOf(code, s)}`).join(', ')} };` : '';
      return `export default ${JSON.stringify(picked)};${sections}`;
    },
  };
}

export default defineConfig({
  plugins: [
    solid(),
    localeMeta(),
    localeParts(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      // We register with workbox-window ourselves (src/app/pwa), so no inline script is injected: strict CSP.
      injectRegister: false,
      includeAssets: ['favicon.ico', 'apple-touch-icon-180x180.png', 'icon.svg', 'screenshots/*.png'],
      injectManifest: {
        // Locale JSON is imported on demand and so becomes hashed JS chunks, which this glob precaches.
        globPatterns: ['**/*.{js,css,html,woff2}'],
        // The staff console needs a connection anyway: residents' phones do not download it in the background.
        globIgnores: ['**/admin-*'],
      },
      manifest: {
        id: '/',
        name: 'Many Voices, One Town',
        short_name: 'Many Voices',
        description: "Sign Luton's harmony pledge, join a citizen panel and see what the council did with what you said.",
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        lang: 'en',
        dir: 'ltr',
        theme_color: '#1d4f91',
        background_color: '#ffffff',
        categories: ['government', 'social'],
        icons: [
          { src: '/pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        screenshots: [
          { src: '/screenshots/home-narrow.png', sizes: '540x1080', type: 'image/png', form_factor: 'narrow', label: 'The home page on a phone' },
          { src: '/screenshots/home-wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'The home page on a laptop' },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      output: {
        // Staff console code and strings are named admin-*, so the service worker can leave them out.
        chunkFileNames: (chunk) => {
          const id = chunk.facadeModuleId ?? '';
          if (/[\\/](routes[\\/]admin|locales[\\/]admin|node_modules[\\/]uqr|node_modules[\\/]highs)[\\/]/.test(id)) return 'assets/admin-[name]-[hash].js';
          // A resident language's parts: locale-<code>-<part>, e.g. locale-ur-core, locale-ur-panels.
          const part = id.match(/^\0virtual:locale-part\/([\w-]+)\/(\w+)$/);
          return part ? `assets/locale-${part[1]}-${part[2]}-[hash].js` : 'assets/[name]-[hash].js';
        },
        assetFileNames: (asset) => (asset.names.some((n) => /^AdminApp|admin|^highs/.test(n)) ? 'assets/admin-[name]-[hash][extname]' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  // The panel-selection worker (and HiGHS with its 3.5 MB wasm) belongs to the staff console: admin-*, not precached.
  worker: {
    format: 'es',
    rollupOptions: {
      output: {
        entryFileNames: 'assets/admin-[name]-[hash].js',
        chunkFileNames: 'assets/admin-[name]-[hash].js',
        assetFileNames: 'assets/admin-[name]-[hash][extname]',
      },
    },
  },
  test: {
    // vite-plugin-solid would default to jsdom; our tests run in Node (and real Chromium for e2e).
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          // Server tests share one PostgreSQL; each file uses its own schema, but keep the load gentle.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
