/* global document */
// Slow 3G (2,000 ms round trip, 50 KB/s each way, Chrome's own throttling over CDP): what a
// member sees first, and when the home page becomes usable. The figures are recorded (printed,
// and written to e2e/artifacts/slow-3g.json for docs/perf.md), never asserted: the machine is
// shared. What is asserted is what is on screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, launchPhone, startProduct, shutDown } from './harness.mjs';

const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

describe('Slow 3G (2,000 ms RTT, 50 KB/s)', () => {
  let product;
  let phone;
  let member;
  const figures = {};
  /** Every request of each visit (path, KB on the wire, seconds from the first), to see the chain. */
  const waterfalls = {};
  const relative = (log) => {
    const t0 = Math.min(...log.map((r) => r.startS));
    return log.map((r) => ({ ...r, startS: +(r.startS - t0).toFixed(2), endS: +(r.endS - t0).toFixed(2) }));
  };
  before(async () => {
    product = await startProduct();
    phone = await launchPhone();
    const { accounts } = await product.api('GET', '/api/auth/demo-accounts');
    member = accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'member');
  });
  after(async () => {
    writeFileSync(path.join(artifacts, 'slow-3g.json'), `${JSON.stringify({ figures, waterfalls }, null, 2)}\n`);
    console.log('Slow 3G figures:', JSON.stringify(figures));
    await shutDown(phone, product);
  });

  /** A page on Slow 3G (empty cache unless `cache`); counts the bytes that crossed the network. */
  async function throttledPage(context, { cache = false } = {}) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cache });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const transfer = { bytes: 0, requests: 0, log: [] };
    const started = new Map();
    cdp.on('Network.requestWillBeSent', (e) => started.set(e.requestId, { url: e.request.url, at: e.timestamp }));
    cdp.on('Network.loadingFinished', (e) => {
      transfer.bytes += e.encodedDataLength;
      transfer.requests += 1;
      const request = started.get(e.requestId);
      if (request) {
        transfer.log.push({
          path: request.url.replace(/^https?:\/\/[^/]+/, ''),
          kb: Math.round(e.encodedDataLength / 102.4) / 10,
          startS: request.at,
          endS: e.timestamp,
        });
      }
    });
    return { page, transfer };
  }

  /** The first readable text on screen (the app's frame and its loading state, once they exist). */
  async function somethingOnScreen(page) {
    await page.waitForFunction(() => document.body.innerText.trim().length > 0, null, {
      timeout: 180_000,
      polling: 50,
    });
    return page.evaluate(() => document.body.innerText.trim().slice(0, 40));
  }

  async function firstPaint(page) {
    return page.evaluate(() => {
      const entry = performance.getEntriesByName('first-contentful-paint')[0];
      return entry ? Math.round(entry.startTime) : null;
    });
  }

  test('a first visit shows the frame at once, then the sign-in list', async () => {
    const context = await phone.newPhone();
    const { page, transfer } = await throttledPage(context);
    const started = Date.now();
    await page.goto(product.baseUrl, { waitUntil: 'commit', timeout: 120_000 });
    await somethingOnScreen(page);
    figures.firstVisitFrameMs = Date.now() - started;
    await page.getByText(member.name, { exact: true }).first().waitFor({ timeout: 180_000 });
    figures.firstVisitSignInListMs = Date.now() - started;
    figures.firstVisitFirstContentfulPaintMs = await firstPaint(page);
    figures.firstVisitTransferKB = Math.round(transfer.bytes / 1024);
    figures.firstVisitRequests = transfer.requests;
    waterfalls.firstVisit = relative(transfer.log);
    await page.screenshot({ path: path.join(artifacts, 'slow-3g-sign-in.png') });
    await context.close();
  });

  test('a signed-in member reopening the app sees a usable 首页', async () => {
    const context = await phone.newPhone();
    // Sign in at full speed first: this test measures the return, not the sign-in.
    const setup = await context.newPage();
    await setup.goto(product.baseUrl);
    await setup.getByText(member.name, { exact: true }).first().click();
    await setup.locator('.home').waitFor({ timeout: 30_000 });
    await setup.close();

    const { page, transfer } = await throttledPage(context);
    const started = Date.now();
    const shots = [];
    await page.goto(product.baseUrl, { waitUntil: 'commit', timeout: 120_000 });
    await somethingOnScreen(page);
    figures.returnFrameMs = Date.now() - started;
    shots.push(page.screenshot({ path: path.join(artifacts, 'slow-3g-frame.png') }));
    const home = page.locator('.home');
    await home.getByText(member.name).first().waitFor({ timeout: 180_000 });
    await home.getByText(member.branchName).first().waitFor({ timeout: 180_000 });
    figures.returnHomeUsableMs = Date.now() - started;
    figures.returnFirstContentfulPaintMs = await firstPaint(page);
    figures.returnTransferKB = Math.round(transfer.bytes / 1024);
    figures.returnRequests = transfer.requests;
    waterfalls.returnVisit = relative(transfer.log);
    await Promise.all(shots);
    await page.screenshot({ path: path.join(artifacts, 'slow-3g-home.png') });
    assert.ok((await home.innerText()).includes(member.name), 'home greets the member');
    await page.close();

    // The usual case: the app's files are in the browser's cache from the visit before (hashed
    // names, cached for good); only the page and the member's data cross the network.
    const warm = await throttledPage(context, { cache: true });
    const warmStarted = Date.now();
    await warm.page.goto(product.baseUrl, { waitUntil: 'commit', timeout: 120_000 });
    await somethingOnScreen(warm.page);
    figures.warmReturnFrameMs = Date.now() - warmStarted;
    const warmHome = warm.page.locator('.home');
    await warmHome.getByText(member.name).first().waitFor({ timeout: 180_000 });
    await warmHome.getByText(member.branchName).first().waitFor({ timeout: 180_000 });
    figures.warmReturnHomeUsableMs = Date.now() - warmStarted;
    figures.warmReturnTransferKB = Math.round(warm.transfer.bytes / 1024);
    figures.warmReturnRequests = warm.transfer.requests;
    await context.close();
  });
});
