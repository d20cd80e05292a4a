#!/usr/bin/env node
// Checks the mini-program build with WeChat's own compilers (wcc for WXML/WXS, wcsc for
// WXSS, shipped for Linux/macOS/Windows in miniprogram-simulate's miniprogram-compiler)
// and keeps the main package far below WeChat's 2 MB limit.
//
//   node scripts/check-weapp.mjs              production build, then check dist/weapp
//   node scripts/check-weapp.mjs --no-build   check the existing dist/weapp
//
// Every .wxml and .wxss is compiled on its own, together with the files it imports, so
// an error names its file; then the whole package is compiled at once, as WeChat
// DevTools does. Exit code 1 on any compiler error, a missing import, a page listed in
// app.json without its files, or a main package of 1 MB or more.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'weapp');
const MAIN_PACKAGE_LIMIT = 1024 * 1024;
const args = new Set(process.argv.slice(2));

function main() {
  if (!args.has('--no-build')) build();
  if (!existsSync(join(outDir, 'app.json'))) {
    fail(`no build found at ${relative(root, outDir)}; run without --no-build`);
  }

  const { wcc, wcsc } = locateCompilers();
  const files = listFiles(outDir);
  const wxml = files.filter((file) => file.endsWith('.wxml'));
  const wxss = files.filter((file) => file.endsWith('.wxss'));
  const wxs = files.filter((file) => file.endsWith('.wxs'));

  let passed = 0;
  const failures = [];
  const record = (file, problems) => {
    if (problems.length === 0) passed += 1;
    else failures.push({ file, problems });
  };

  for (const file of wxml) {
    const { deps, missing } = closure(file, wxmlImports);
    const problems = missing.map((dep) => `imports ${dep}, which is not in the build`);
    const result = run(wcc, ['-d', '-cc', '0', ...[file, ...deps].map(dotted)]);
    if (result) problems.push(result);
    record(file, problems);
  }
  for (const file of wxss) {
    const { deps, missing } = closure(file, wxssImports);
    const problems = missing.map((dep) => `imports ${dep}, which is not in the build`);
    const result = run(wcsc, ['-db', '-pc', '0', ...[file, ...deps].map(dotted)]);
    if (result) problems.push(result);
    record(file, problems);
  }

  // The whole package at once, with custom components declared, as DevTools compiles it.
  const whole = [];
  const wholeWxml = run(wcc, [
    '-d',
    '-cc',
    componentArgs(wxml),
    ...wxml.map(dotted),
    ...wxs.map(dotted),
    '-gn',
    '$gwx',
  ]);
  if (wholeWxml) whole.push(`all .wxml together: ${wholeWxml}`);
  const wholeWxss = run(wcsc, ['-db', '-pc', String(componentCount(wxss)), ...wxss.map(dotted)]);
  if (wholeWxss) whole.push(`all .wxss together: ${wholeWxss}`);
  if (whole.length > 0) failures.push({ file: '(package)', problems: whole });

  const pageProblems = checkPages();
  if (pageProblems.length > 0) failures.push({ file: 'app.json', problems: pageProblems });

  const sizes = measure(files);
  console.log(
    `weapp main package: ${kb(sizes.main)} (limit for this check ${kb(MAIN_PACKAGE_LIMIT)}, WeChat's 2048.0 KB)`,
  );
  for (const [subRoot, size] of Object.entries(sizes.subpackages)) {
    console.log(`weapp subpackage ${subRoot}: ${kb(size)}`);
  }
  console.log(`weapp total: ${kb(sizes.total)}`);
  if (sizes.main >= MAIN_PACKAGE_LIMIT) {
    failures.push({
      file: '(main package)',
      problems: [`main package is ${kb(sizes.main)}, must stay below ${kb(MAIN_PACKAGE_LIMIT)}`],
    });
  }

  for (const { file, problems } of failures) {
    for (const problem of problems) console.error(`FAIL ${file}: ${problem}`);
  }
  // Failed files plus failed package-wide checks, so "0 failed" always means exit code 0.
  console.log(`weapp: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length > 0 ? 1 : 0);
}

function build() {
  console.log('building weapp (production)...');
  const taro = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'taro.cmd' : 'taro');
  const result = spawnSync(taro, ['build', '--type', 'weapp'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    fail(`taro build --type weapp failed (exit ${result.status ?? result.error?.message})\n${output}`);
  }
}

/** wcc / wcsc from miniprogram-compiler, copied out and made executable if npm dropped the mode. */
function locateCompilers() {
  const require = createRequire(import.meta.url);
  const simulate = dirname(require.resolve('miniprogram-simulate/package.json'));
  const compilerPkg = createRequire(join(simulate, 'package.json')).resolve('miniprogram-compiler/package.json');
  const platformDir = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform];
  if (!platformDir) fail(`WeChat's compilers are not shipped for ${process.platform}`);
  const ext = process.platform === 'win32' ? '.exe' : '';
  const binDir = join(dirname(compilerPkg), 'bin', platformDir);
  let scratch = null;
  const executable = (name) => {
    const source = join(binDir, name + ext);
    if (!existsSync(source)) fail(`compiler not found: ${source}`);
    if (process.platform === 'win32' || (statSync(source).mode & 0o111) !== 0) return source;
    scratch ??= mkdtempSync(join(tmpdir(), 'xf-wcc-'));
    const target = join(scratch, name);
    copyFileSync(source, target);
    chmodSync(target, 0o755);
    return target;
  };
  return { wcc: executable('wcc'), wcsc: executable('wcsc') };
}

/** Runs a compiler in the output directory; returns an error text, or null on success. */
function run(binary, compilerArgs) {
  const result = spawnSync(binary, compilerArgs, { cwd: outDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) return result.error.message;
  const stderr = (result.stderr ?? '').trim();
  if (result.status !== 0) return stderr || `exit code ${result.status}`;
  // wcsc reports some errors on stderr with exit 0 ("error file count: N" with N > 0).
  const count = /error file count:\s*(\d+)/.exec(stderr);
  if (count && Number(count[1]) > 0) return stderr;
  return null;
}

function listFiles(dir) {
  const out = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(outDir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const dotted = (file) => `./${file}`;

function wxmlImports(file) {
  const source = readFileSync(join(outDir, file), 'utf8');
  const refs = [];
  for (const match of source.matchAll(/<(?:import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g))
    refs.push(match[1]);
  return refs;
}

function wxssImports(file) {
  const source = readFileSync(join(outDir, file), 'utf8');
  const refs = [];
  for (const match of source.matchAll(/@import\s+(?:url\()?\s*["']([^"']+)["']/g)) refs.push(match[1]);
  return refs;
}

/** The files `file` imports, transitively, as paths relative to the output directory. */
function closure(file, importsOf) {
  const deps = [];
  const missing = [];
  const seen = new Set([file]);
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current.endsWith('.wxml') && !current.endsWith('.wxss')) continue;
    for (const ref of importsOf(current)) {
      const target = ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(current), ref));
      if (seen.has(target)) continue;
      seen.add(target);
      if (!existsSync(join(outDir, target))) {
        missing.push(`${ref} (from ${current})`);
        continue;
      }
      deps.push(target);
      queue.push(target);
    }
  }
  return { deps, missing };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(outDir, file), 'utf8'));
  } catch {
    return null;
  }
}

/** wcc's custom component argument: "<count> <page.wxml> <n> <tag...> ..." for files with usingComponents. */
function componentArgs(wxml) {
  const parts = [];
  let count = 0;
  for (const file of wxml) {
    const json = readJson(file.replace(/\.wxml$/, '.json'));
    const tags = Object.keys(json?.usingComponents ?? {});
    if (tags.length === 0) continue;
    count += 1;
    parts.push(dotted(file), String(tags.length), ...tags);
  }
  return [String(count), ...parts].join(' ');
}

function componentCount(wxss) {
  return wxss.filter((file) => readJson(file.replace(/\.wxss$/, '.json')) !== null).length;
}

/** Every page in app.json has its .js, .json and .wxml; every usingComponents path exists. */
function checkPages() {
  const app = readJson('app.json');
  if (!app) return ['app.json is missing or not JSON'];
  const problems = [];
  const pages = [...(app.pages ?? [])];
  for (const sub of app.subPackages ?? app.subpackages ?? []) {
    for (const page of sub.pages ?? []) pages.push(`${sub.root.replace(/\/$/, '')}/${page}`);
  }
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!existsSync(join(outDir, page + ext))) problems.push(`page ${page} has no ${ext} file`);
    }
    const json = readJson(`${page}.json`);
    for (const [tag, path] of Object.entries(json?.usingComponents ?? {})) {
      if (path.startsWith('plugin://')) continue;
      const target = path.startsWith('/') ? path.slice(1) : posix.normalize(posix.join(posix.dirname(page), path));
      if (!existsSync(join(outDir, `${target}.js`)))
        problems.push(`page ${page} uses <${tag}> from ${path}, which is not in the build`);
    }
  }
  return problems;
}

function measure(files) {
  const app = readJson('app.json') ?? {};
  const roots = (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, '') + '/');
  const ignored = new Set(['project.config.json', 'project.private.config.json']);
  const sizes = { main: 0, total: 0, subpackages: Object.fromEntries(roots.map((r) => [r.slice(0, -1), 0])) };
  for (const file of files) {
    if (ignored.has(file)) continue;
    const size = statSync(join(outDir, file)).size;
    sizes.total += size;
    const subRoot = roots.find((r) => file.startsWith(r));
    if (subRoot) sizes.subpackages[subRoot.slice(0, -1)] += size;
    else sizes.main += size;
  }
  return sizes;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function fail(message) {
  console.error(`check-weapp: ${message}`);
  console.log('weapp: 0 passed, 1 failed');
  process.exit(1);
}

main();
