// Writes .br and .gz beside every script, style sheet and page of the H5 build, so the API
// serves them compressed (@fastify/static `preCompressed`) at no CPU cost per request. On
// Slow 3G (50 KB/s) this alone turns ~350 KB of first-load scripts into ~110 KB.
// Usage: node tools/precompress.mjs dist/h5
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] ?? 'dist/h5';
let count = 0;
function walk(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (/\.(js|css|html|svg|json)$/.test(entry.name)) {
      const data = fs.readFileSync(file);
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      fs.writeFileSync(
        `${file}.br`,
        zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      count += 1;
    }
  }
}
walk(dir);
console.log(`precompressed ${count} files in ${dir}`);
