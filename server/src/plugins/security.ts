// The Content-Security-Policy of the H5 app, as tight as the built app allows:
// - scripts only from this origin, plus the one inline script Taro writes into index.html
//   (it sets the root font size before the app loads), allowed by its hash, read from the
//   build that is served so a rebuild never needs a code change here;
// - Taro's H5 tab bar renders its tabs as <a href="javascript:;"> and handles the click
//   itself; that exact no-op URL is allowed by its hash ('unsafe-hashes' admits hashes for
//   javascript: navigations only, and only the ones listed);
// - styles may be inline: Taro's web components (Stencil) and React set them at run time;
// - images from this origin, data: (the check-in QR code is a GIF data URL) and blob:
//   (photo previews); F2 charts draw on a canvas, which needs nothing.
// The browser test collects every CSP violation during its journeys and fails on any.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function inlineScriptHashes(staticDir: string | null): string[] {
  if (!staticDir) return [];
  let html: string;
  try {
    html = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
}

const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The tab bar's `javascript:;`: the hash covers the whole URL, scheme included (CSP 3). */
const TAB_BAR_NO_OP = ["'unsafe-hashes'", sha256Source('javascript:;')];

export function contentSecurityPolicy(staticDir: string | null): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inlineScriptHashes(staticDir), ...TAB_BAR_NO_OP],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Swagger UI ships its own policy (hashes of its inline scripts); it asks browsers to upgrade
 * every request to HTTPS, which breaks the docs on a plain-HTTP development server.
 */
export const withoutUpgrade = (header: string) => header.replace(/\s*upgrade-insecure-requests;?/, '');
