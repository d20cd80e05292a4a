// The Content-Security-Policy of the H5 app, as tight as the built app allows:
// - scripts only from this origin, plus the one inline script Taro writes into index.html
//   (it sets the root font size before the app loads), allowed by its hash, read from the
//   build that is served so a rebuild never needs a code change here; and the no-op
//   `javascript:;` link of Taro's H5 tab bar, allowed by its hash alone ('unsafe-hashes'
//   admits only the exact sources hashed here, no other handler or URL);
// - styles may be inline: Taro's web components (Stencil) and React set them at run time;
// - images from this origin, data: (the check-in QR code is a GIF data URL) and blob:
//   (photo previews); F2 charts draw on a canvas, which needs nothing;
// - requests to this origin, and to blob: (Taro.uploadFile on H5 reads the chosen photo
//   from its blob: URL before posting it).
// The browser test collects every CSP violation during its journeys and fails on any.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const sha256 = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;

/** Taro's tab bar items are `<a href="javascript:;">` with a click handler. */
const TAB_BAR_LINK = sha256('javascript:;');

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

export function contentSecurityPolicy(staticDir: string | null): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inlineScriptHashes(staticDir), "'unsafe-hashes'", TAB_BAR_LINK],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'blob:'],
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
