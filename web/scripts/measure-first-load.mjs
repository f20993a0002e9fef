// The gzipped JavaScript a browser downloads to show a first page: the entry chunk, the chunks of
// the page's lazy modules, and every chunk those import statically, read from the build manifest.
//
//   npm run build -w @tiegui/web && node web/scripts/measure-first-load.mjs [dist folder]
//
// A route's page modules that are not chunks of their own (an eager router) count as part of the entry.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(WEB, 'dist'));

/** What each first page renders, as modules under web/: the login page alone, the signed-in shell with home. */
const FIRST_PAGES = {
  '/login': ['src/pages/login/login-page.tsx'],
  '/': ['src/pages/layout/app-layout.tsx', 'src/pages/home/home-page.tsx'],
};

const manifestFile = path.join(dist, '.vite', 'manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error(`${manifestFile} is missing: build with build.manifest (vite build --manifest)`);
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const entryKeys = Object.keys(manifest).filter((key) => manifest[key].isEntry);
if (entryKeys.length !== 1) throw new Error(`expected one entry chunk, found ${entryKeys.length}`);

const gzipped = new Map();
function gzipSize(file) {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(fs.readFileSync(path.join(dist, file))).length);
  return gzipped.get(file);
}

/** The chunk files a set of manifest keys needs before it runs: the keys and their static imports. */
function staticClosure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key]);
}

// kB of 1000 bytes, as the build's own report counts them.
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

for (const [route, modules] of Object.entries(FIRST_PAGES)) {
  for (const module of modules) {
    if (!fs.existsSync(path.join(WEB, module))) throw new Error(`${module} (route ${route}) does not exist`);
  }
  const chunks = staticClosure([...entryKeys, ...modules.filter((m) => m in manifest)]);
  const js = chunks.filter((c) => c.file.endsWith('.js'));
  const css = chunks.flatMap((c) => c.css ?? []);
  const total = js.reduce((sum, c) => sum + gzipSize(c.file), 0);
  const cssTotal = [...new Set(css)].reduce((sum, file) => sum + gzipSize(file), 0);
  console.log(`${route}: ${kb(total)} gzipped JavaScript in ${js.length} chunks (+ ${kb(cssTotal)} CSS)`);
  for (const chunk of js.sort((a, b) => gzipSize(b.file) - gzipSize(a.file))) {
    console.log(`  ${kb(gzipSize(chunk.file)).padStart(9)}  ${chunk.file}`);
  }
}

const allJs = Object.values(manifest)
  .map((c) => c.file)
  .filter((file) => file.endsWith('.js'));
const appTotal = [...new Set(allJs)].reduce((sum, file) => sum + gzipSize(file), 0);
console.log(`whole app: ${kb(appTotal)} gzipped JavaScript in ${new Set(allJs).size} chunks`);
