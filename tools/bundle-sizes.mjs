// Prints the H5 build's transfer sizes (gzip -9, as a server with compression would send)
// for what the first page needs and for the whole build, and the weapp package sizes.
// Usage: node tools/bundle-sizes.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const h5 = path.join(dist, 'h5');
if (fs.existsSync(h5)) {
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => path.join(h5, m[1]));
  const files = walk(h5).filter((f) => /\.(js|css|html)$/.test(f));
  const sum = (list, fn) => list.reduce((t, f) => t + fn(f), 0);
  const raw = (f) => fs.statSync(f).size;
  console.log(
    `H5 initial (index.html + ${initial.length} files it loads): ${kb(sum([path.join(h5, 'index.html'), ...initial], gz))} gzip, ${kb(sum(initial, raw))} raw`,
  );
  for (const f of initial) console.log(`  ${path.relative(h5, f)}: ${kb(gz(f))} gzip`);
  console.log(`H5 all JS+CSS (${files.length} files): ${kb(sum(files, gz))} gzip, ${kb(sum(files, raw))} raw`);
  const biggest = files
    .map((f) => [f, gz(f)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  for (const [f, n] of biggest) console.log(`  largest: ${path.relative(h5, f)} ${kb(n)} gzip`);
}

const weapp = path.join(dist, 'weapp');
if (fs.existsSync(weapp)) {
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const all = walk(weapp);
  const inRoot = (f, r) => path.relative(weapp, f).startsWith(`${r}/`);
  const main = all.filter((f) => !roots.some((r) => inRoot(f, r)));
  const size = (list) => list.reduce((t, f) => t + fs.statSync(f).size, 0);
  console.log(`weapp main package: ${kb(size(main))}`);
  for (const r of roots) console.log(`weapp subpackage ${r}: ${kb(size(all.filter((f) => inRoot(f, r))))}`);
  console.log(`weapp total: ${kb(size(all))}`);
}
