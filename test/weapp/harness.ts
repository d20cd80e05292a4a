// Render tests of the built mini-program (dist/weapp), in WeChat's own component engine.
//
// What this harness does, and why (see test/weapp/README.md for how to run it):
// - miniprogram-simulate compiles the built WXML with WeChat's `wcc` and renders it with exparser
//   (j-component) into jsdom. It hosts components, not pages: `Page(options)` is mapped onto
//   `Component({ data, methods })` and the page lifecycle (onLoad/onShow/onReady) is called here.
// - The built app.js is required once, as WeChat would run it, then its onLaunch/onShow.
//   webpack runs a page chunk once per process, so each page is loaded once and rendered as often
//   as needed.
// - `wx.request`, `uploadFile`, `downloadFile` reach a real API (its own throw-away SQLite database
//   with the demo organisation) over HTTP; `wx.login` asks the fake WeChat (mocks/wechat.ts) for a
//   code, which the API exchanges through its code2session fake. The build's API origin is
//   rewritten to the test server's.
// - The device's own APIs the pages use (scanCode, getLocation, getSetting, openSetting, chooseMedia,
//   openDocument, toasts and modals, canvas nodes) are small recorders the tests steer through
//   `device`. A canvas node's 2d context counts the drawing calls, so a chart that draws nothing fails.
// - Taps and inputs go through Taro's own event handler (`eh`) with the id the rendered element
//   carries, so they reach the same React handlers a tap on a phone reaches. Layout, pixels and
//   gestures are not simulated: that is what a device (or the H5 browser tests) is for.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');
export const dist = path.join(root, 'dist', 'weapp');

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
type Json = any;

// ---------------------------------------------------------------- the API and the fake WeChat

interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function httpCall(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<HttpResult> {
  // WeChat drops header fields without a value; Node refuses them.
  const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined && value !== null));
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: sent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const result = await httpCall('GET', url);
      if (result.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer within 90 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface Api {
  baseUrl: string;
  wechatUrl: string;
  /** A JSON call to the API, as `token`'s holder; throws on a status of 400 or more. */
  call(method: string, url: string, options?: { token?: string; body?: unknown }): Promise<Json>;
  /** A demo session's token for a seeded member. */
  tokenOf(memberId: number): Promise<string>;
  stop(): Promise<void>;
}

/** One API (demo mode, demo data, its own SQLite file) and one fake WeChat, each a child process. */
export async function startApi(): Promise<Api> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-weapp-'));
  const [apiPort, wechatPort] = [await freePort(), await freePort()];
  const tsx = ['--import', 'tsx'];
  const wechat = spawn(process.execPath, [...tsx, path.join(root, 'mocks', 'wechat.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(wechatPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wechatUrl = `http://127.0.0.1:${wechatPort}`;
  const server = spawn(process.execPath, [...tsx, path.join(root, 'server', 'src', 'server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      XF_DEMO: '1',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dir, 'weapp.db'),
      UPLOADS_DIR: path.join(dir, 'uploads'),
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      WECHAT_API_BASE: wechatUrl,
      SIGN_IN_RATE_LIMIT: '5000',
      // Reminders on, so the pages offer them (the ids are the fake WeChat's; nothing is sent here).
      WECHAT_TEMPLATE_ACTIVITY_REMINDER: 'tmpl-activity-0001',
      WECHAT_TEMPLATE_REVIEW_RESULT: 'tmpl-review-00001',
      WECHAT_TEMPLATE_NEW_QUIZ: 'tmpl-quiz-000001',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor(`${wechatUrl}/sns/jscode2session`, wechat, 'the fake WeChat');
  await waitFor(`${baseUrl}/api/health`, server, 'the API');
  const tokens = new Map<number, string>();
  const api: Api = {
    baseUrl,
    wechatUrl,
    async call(method, url, { token, body } = {}) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const result = await httpCall(
        method,
        `${baseUrl}${url}`,
        headers,
        body === undefined ? undefined : JSON.stringify(body),
      );
      const text = result.body.toString('utf8');
      if (result.status >= 400) throw new Error(`${method} ${url}: ${result.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async tokenOf(memberId) {
      if (!tokens.has(memberId))
        tokens.set(memberId, (await api.call('POST', '/api/auth/demo', { body: { memberId } })).token);
      return tokens.get(memberId)!;
    },
    async stop() {
      for (const child of [server, wechat]) {
        if (child.exitCode !== null) continue;
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return api;
}

// ---------------------------------------------------------------- the device

/** A 2d context that counts what is drawn on it; every other call is accepted and ignored. */
export interface RecordingContext {
  calls: string[];
  /** Calls that put pixels on the canvas (fill, stroke, fillText, fillRect, drawImage…). */
  drawCalls(): number;
  texts: string[];
}

const DRAWING = new Set(['fill', 'stroke', 'fillRect', 'strokeRect', 'fillText', 'strokeText', 'drawImage']);

function recordingContext(canvas: object): RecordingContext {
  const calls: string[] = [];
  const texts: string[] = [];
  const state: Record<string, unknown> = {
    canvas,
    fillStyle: '#000000',
    strokeStyle: '#000000',
    font: '10px sans-serif',
    lineWidth: 1,
    globalAlpha: 1,
    textAlign: 'start',
    textBaseline: 'alphabetic',
    lineCap: 'butt',
    lineJoin: 'miter',
    miterLimit: 10,
    shadowBlur: 0,
    shadowColor: 'rgba(0, 0, 0, 0)',
    shadowOffsetX: 0,
    shadowOffsetY: 0,
    globalCompositeOperation: 'source-over',
    lineDashOffset: 0,
    imageSmoothingEnabled: true,
  };
  const own: Record<string, unknown> = {
    calls,
    texts,
    drawCalls: () => calls.filter((name) => DRAWING.has(name)).length,
    measureText(text: string) {
      calls.push('measureText');
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(String(state.font))?.[1] ?? 10);
      const width = [...String(text)].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0xff ? size : size * 0.55), 0);
      return {
        width,
        actualBoundingBoxAscent: size * 0.8,
        actualBoundingBoxDescent: size * 0.2,
        actualBoundingBoxLeft: 0,
        actualBoundingBoxRight: width,
        fontBoundingBoxAscent: size * 0.8,
        fontBoundingBoxDescent: size * 0.2,
      };
    },
    fillText(text: string) {
      calls.push('fillText');
      texts.push(String(text));
    },
    getLineDash: () => [],
    getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }),
    createLinearGradient: () => ({ addColorStop() {} }),
    createRadialGradient: () => ({ addColorStop() {} }),
    createPattern: () => ({}),
    isPointInPath: () => false,
    getImageData: (_x: number, _y: number, w: number, h: number) => ({
      width: w,
      height: h,
      data: new Uint8ClampedArray(w * h * 4),
    }),
  };
  return new Proxy(own, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop in state) return state[prop];
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (..._args: unknown[]) => {
        calls.push(prop);
      };
    },
    set(_target, prop: string, value) {
      state[prop] = value;
      return true;
    },
  }) as unknown as RecordingContext;
}

export interface Device {
  /** Every toast and modal shown, in order. */
  toasts: Array<{ title: string; icon?: string }>;
  modals: Array<{ title?: string; content?: string }>;
  /** What the next modal answers (default: confirm). */
  modalAnswer: { confirm: boolean };
  /** What wx.scanCode returns next; null: the member closes the scanner. */
  scanResult: string | null;
  /** Location permission: 'granted', 'ask' (never asked; a prompt the member accepts) or 'refused'. */
  location: 'granted' | 'ask' | 'refused';
  position: { latitude: number; longitude: number };
  /** What the member does on the settings page openSetting opens. */
  onOpenSetting: () => void;
  openSettingCalls: number;
  /** Files wx.chooseMedia returns next (real paths on this machine). */
  chosenFiles: string[];
  chooseImageCalls: number;
  /** Documents wx.openDocument opened: the path, and the name a person sees. */
  openedDocuments: Array<{ filePath: string; fileType?: string }>;
  /** The openid the next wx.login belongs to. */
  openid: string;
  /** Canvas nodes by element id, with their recording contexts. */
  canvases: Map<string, { context: RecordingContext }>;
  offscreenCanvases: RecordingContext[];
  navigations: Array<{ kind: string; url: string }>;
  /** wx.downloadFile fails as on a broken network. */
  failDownloads: boolean;
  /** wx.requestSubscribeMessage: what the member was asked, and what they answer per template. */
  subscriptionRequests: string[][];
  subscriptionAnswer: 'accept' | 'reject';
  userDataPath: string;
}

function settle(options: any, name: string, outcome: Promise<Record<string, unknown>>): any {
  const callbacks = Boolean(options?.success || options?.fail || options?.complete);
  const run = outcome.then(
    (result) => {
      const res = { errMsg: `${name}:ok`, ...result };
      options?.success?.(res);
      options?.complete?.(res);
      return res;
    },
    (error: unknown) => {
      const res = { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` };
      options?.fail?.(res);
      options?.complete?.(res);
      if (callbacks) return res;
      throw res;
    },
  );
  if (callbacks) return { abort() {}, onProgressUpdate() {}, onHeadersReceived() {} };
  return run;
}

function multipart(field: string, filePath: string, formData: Record<string, string> = {}) {
  const boundary = `----xf${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(formData)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  const name = path.basename(filePath);
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    readFileSync(filePath),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------- the mini-program

export interface OpenedPage {
  route: string;
  /** The page's rendered text (what WeChat's engine shows). */
  text(): string;
  /** Waits until `match` is in the page's text. */
  waitForText(match: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Taps the innermost rendered element whose text is `label` (through Taro's event handler). */
  tap(label: string | RegExp): Promise<void>;
  /** Taps the first rendered element with the class `className` (e.g. an option of a quiz question). */
  tapSelector(className: string): Promise<void>;
  /** Types into the input (or textarea) whose placeholder or aria-label is `label`. */
  input(label: string, value: string): Promise<void>;
  /** The rendered element tree, for assertions by tag or class. */
  dom: Element;
  unload(): void;
}

export interface Weapp {
  device: Device;
  /** Opens a page as WeChat would (onLoad with the query, onShow, onReady). */
  open(route: string, query?: Record<string, string>): Promise<OpenedPage>;
  /** Stores a session as the app's sign-in does (services/session.ts). */
  signIn(session: { token: string; expiresAt: string }): void;
  signOut(): void;
  /** The session the app stored, if any. */
  session(): { token: string; expiresAt: string } | null;
}

const loadedPages = new Map<string, string>();
let nextPageId = 1;

/** Installs the mini-program globals and runs the built app once. Call in a jsdom jest environment. */
export function startWeapp(api: Api): Weapp {
  const simulate = require('miniprogram-simulate');
  const g = globalThis as any;
  const wx = g.wx;
  const appJson = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const userDataPath = mkdtempSync(path.join(os.tmpdir(), 'xianfeng-weapp-files-'));
  const device: Device = {
    toasts: [],
    modals: [],
    modalAnswer: { confirm: true },
    scanResult: null,
    location: 'granted',
    position: { latitude: 39.9042, longitude: 116.4074 },
    onOpenSetting: () => undefined,
    openSettingCalls: 0,
    chosenFiles: [],
    chooseImageCalls: 0,
    openedDocuments: [],
    openid: 'o-weapp-test',
    canvases: new Map(),
    offscreenCanvases: [],
    navigations: [],
    failDownloads: false,
    subscriptionRequests: [],
    subscriptionAnswer: 'accept',
    userDataPath,
  };

  // The build calls http://localhost:3000 (TARO_APP_API_BASE unset); the test server is elsewhere.
  const toApi = (url: string) => {
    const parsed = new URL(url);
    return `${api.baseUrl}${parsed.pathname}${parsed.search}`;
  };
  const storage = new Map<string, unknown>();

  // Taro keeps a reference to wx.env: change the object simulate made rather than replace it.
  wx.env = wx.env ?? {};
  wx.env.USER_DATA_PATH = userDataPath;
  Object.assign(wx, {
    request(options: any) {
      const headers: Record<string, string> = { ...(options.header ?? {}) };
      let body: string | undefined;
      const method = String(options.method ?? 'GET').toUpperCase();
      if (options.data !== undefined && method !== 'GET') {
        body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
          headers['content-type'] = 'application/json';
      }
      return settle(
        options,
        'request',
        httpCall(method, toApi(options.url), headers, body).then((result) => {
          let data: unknown = result.body.toString('utf8');
          if (options.responseType === 'arraybuffer') data = new Uint8Array(result.body).buffer;
          else if ((options.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(data as string);
            } catch {
              // WeChat hands over the text when it is not JSON
            }
          }
          return { data, statusCode: result.status, header: result.headers };
        }),
      );
    },
    uploadFile(options: any) {
      const form = multipart(options.name, options.filePath, options.formData);
      return settle(
        options,
        'uploadFile',
        httpCall(
          'POST',
          toApi(options.url),
          { ...(options.header ?? {}), 'content-type': form.contentType },
          form.body,
        ).then((result) => ({ data: result.body.toString('utf8'), statusCode: result.status })),
      );
    },
    downloadFile(options: any) {
      if (device.failDownloads) return settle(options, 'downloadFile', Promise.reject(new Error('network error')));
      return settle(
        options,
        'downloadFile',
        httpCall('GET', toApi(options.url), options.header ?? {}).then((result) => {
          // Like WeChat: any HTTP status is a successful download of whatever the server sent.
          const target =
            options.filePath ?? path.join(userDataPath, `tmp_${Date.now()}_${Math.random().toString(16).slice(2)}`);
          if (!target.startsWith(userDataPath)) throw new Error('filePath outside USER_DATA_PATH');
          writeFileSync(target, result.body);
          return options.filePath
            ? { filePath: target, statusCode: result.status }
            : { tempFilePath: target, statusCode: result.status };
        }),
      );
    },
    login(options: any) {
      return settle(
        options,
        'login',
        httpCall(
          'POST',
          `${api.wechatUrl}/__mock/login`,
          { 'content-type': 'application/json' },
          JSON.stringify({ openid: device.openid }),
        ).then((result) => ({ code: JSON.parse(result.body.toString('utf8')).code })),
      );
    },
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    removeStorageSync: (key: string) => void storage.delete(key),
    showToast(options: any) {
      device.toasts.push({ title: options.title, icon: options.icon });
      return settle(options, 'showToast', Promise.resolve({}));
    },
    showModal(options: any) {
      device.modals.push({ title: options.title, content: options.content });
      const { confirm } = device.modalAnswer;
      return settle(options, 'showModal', Promise.resolve({ confirm, cancel: !confirm }));
    },
    scanCode(options: any) {
      const result = device.scanResult;
      return settle(
        options,
        'scanCode',
        result === null ? Promise.reject(new Error('cancel')) : Promise.resolve({ result, scanType: 'QR_CODE' }),
      );
    },
    getSetting(options: any) {
      const authSetting: Record<string, boolean> = {};
      if (device.location !== 'ask') authSetting['scope.userLocation'] = device.location === 'granted';
      return settle(options, 'getSetting', Promise.resolve({ authSetting }));
    },
    openSetting(options: any) {
      device.openSettingCalls += 1;
      device.onOpenSetting();
      const authSetting = { 'scope.userLocation': device.location === 'granted' };
      return settle(options, 'openSetting', Promise.resolve({ authSetting }));
    },
    authorize(options: any) {
      if (device.location === 'ask') device.location = 'granted';
      return settle(
        options,
        'authorize',
        device.location === 'granted' ? Promise.resolve({}) : Promise.reject(new Error('auth deny')),
      );
    },
    getLocation(options: any) {
      if (device.location === 'ask') device.location = 'granted';
      return settle(
        options,
        'getLocation',
        device.location === 'granted'
          ? Promise.resolve({ ...device.position, accuracy: 20 })
          : Promise.reject(new Error('auth deny')),
      );
    },
    chooseImage(options: any) {
      device.chooseImageCalls += 1;
      return settle(options, 'chooseImage', Promise.resolve({ tempFilePaths: device.chosenFiles, tempFiles: [] }));
    },
    chooseMedia(options: any) {
      const files = device.chosenFiles.map((tempFilePath) => ({ tempFilePath, size: 1000, fileType: 'image' }));
      return settle(
        options,
        'chooseMedia',
        files.length ? Promise.resolve({ tempFiles: files, type: 'image' }) : Promise.reject(new Error('cancel')),
      );
    },
    requestSubscribeMessage(options: any) {
      const ids: string[] = options.tmplIds ?? [];
      device.subscriptionRequests.push(ids);
      const answers = Object.fromEntries(ids.map((id) => [id, device.subscriptionAnswer]));
      return settle(options, 'requestSubscribeMessage', Promise.resolve(answers));
    },
    openDocument(options: any) {
      device.openedDocuments.push({ filePath: options.filePath, fileType: options.fileType });
      return settle(options, 'openDocument', Promise.resolve({}));
    },
    createOffscreenCanvas() {
      const canvas: any = { width: 300, height: 150 };
      const context = recordingContext(canvas);
      canvas.getContext = () => context;
      device.offscreenCanvases.push(context);
      return canvas;
    },
    createSelectorQuery() {
      const wanted: Array<{ selector: string; fields: any }> = [];
      const query: any = {
        in: () => query,
        select(selector: string) {
          const entry = { selector, fields: {} as any };
          wanted.push(entry);
          const ref = {
            fields(fields: any) {
              entry.fields = fields;
              return query;
            },
            boundingClientRect() {
              entry.fields = { size: true, rect: true };
              return query;
            },
            node() {
              entry.fields = { node: true };
              return query;
            },
          };
          return ref;
        },
        exec(callback: (results: unknown[]) => void) {
          setTimeout(() => callback(wanted.map(({ selector, fields }) => canvasNode(selector, fields))), 0);
        },
      };
      return query;
    },
    navigateTo: (options: any) => navigate('navigateTo', options),
    redirectTo: (options: any) => navigate('redirectTo', options),
    reLaunch: (options: any) => navigate('reLaunch', options),
    switchTab: (options: any) => navigate('switchTab', options),
    navigateBack: (options: any) => navigate('navigateBack', options ?? {}),
    setNavigationBarTitle: (options: any) => settle(options, 'setNavigationBarTitle', Promise.resolve({})),
    stopPullDownRefresh: (options: any) => settle(options, 'stopPullDownRefresh', Promise.resolve({})),
  });

  function navigate(kind: string, options: any) {
    device.navigations.push({ kind, url: options.url ?? '' });
    return settle(options, kind, Promise.resolve({}));
  }

  // Only a canvas the page rendered has a node; its size is what a 390 px phone would give.
  function canvasNode(selector: string, fields: any) {
    const id = selector.replace(/^#/, '');
    // Built-in components keep their id out of the DOM: look for it in the data Taro sent.
    const rendered = openPages.some((page) =>
      findInData(page.instance.data, (node) => node.uid === id || node.id === id),
    );
    if (!rendered) return null;
    let entry = device.canvases.get(id);
    if (!entry) {
      const node: any = { width: 300, height: 150 };
      const context = recordingContext(node);
      node.getContext = () => context;
      node.createImage = () => ({});
      // Like a device: a canvas's frames stop once its page is gone.
      node.requestAnimationFrame = (fn: () => void) =>
        setTimeout(() => {
          if (!node.detached) fn();
        }, 16);
      node.cancelAnimationFrame = (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle);
      entry = { context };
      (entry as any).node = node;
      device.canvases.set(id, entry);
    }
    return { id, ...(fields.node ? { node: (entry as any).node } : {}), width: 358, height: 220 };
  }

  // Globals the built app expects from WeChat's runtime.
  g.__wxConfig = { ...appJson, envVersion: 'develop', accountInfo: { miniProgram: { appId: 'wx-demo-appid' } } };
  let appOptions: any = null;
  g.App = (options: any) => {
    appOptions = options;
  };
  g.getApp = () => appOptions;
  const openPages: Array<OpenedPage & { instance: any }> = [];
  g.getCurrentPages = () => openPages.map((page) => page.instance);
  let pageOptions: any = null;
  g.Page = (options: any) => {
    pageOptions = options;
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
    g.Component({ data: options.data ?? {}, methods });
  };

  require(path.join(dist, 'app.js'));
  if (!appOptions) throw new Error('dist/weapp/app.js did not call App()');
  appOptions.onLaunch?.call(appOptions, { path: 'pages/index/index', query: {}, scene: 1001 });
  appOptions.onShow?.call(appOptions, { path: 'pages/index/index', query: {}, scene: 1001 });

  async function open(route: string, query: Record<string, string> = {}): Promise<OpenedPage> {
    let componentId = loadedPages.get(route);
    let options = loadedPageOptions.get(route);
    if (!componentId) {
      pageOptions = null;
      componentId = simulate.load(path.join(dist, route), `page-${nextPageId++}`, { rootPath: dist }) as string;
      options = pageOptions;
      if (!options) throw new Error(`${route} did not call Page()`);
      loadedPages.set(route, componentId);
      loadedPageOptions.set(route, options);
    }
    const component = simulate.render(componentId);
    const parent = document.createElement('parent-wrapper');
    document.body.appendChild(parent);
    component.attach(parent);
    const instance = component.instance;
    for (const [key, value] of Object.entries(options))
      if (typeof value !== 'function' && key !== 'data') instance[key] = value;
    instance.route = route;
    instance.options = query;
    const dom: Element = component.dom;
    const page: OpenedPage & { instance: any } = {
      route,
      instance,
      dom,
      text: () => (dom.textContent ?? '').replace(/\s+/g, ' '),
      async waitForText(match, timeoutMs = 20_000) {
        const deadline = Date.now() + timeoutMs;
        const found = () => (typeof match === 'string' ? page.text().includes(match) : match.test(page.text()));
        while (!found()) {
          if (Date.now() > deadline)
            throw new Error(`${route}: no "${String(match)}" in: ${page.text().slice(0, 800)}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      },
      async tap(label) {
        const target = findByText(dom, label);
        if (!target)
          throw new Error(`${route}: nothing to tap named "${String(label)}" in: ${page.text().slice(0, 800)}`);
        fire(instance, target, 'tap', { x: 0, y: 0 });
        await tick();
      },
      async tapSelector(className) {
        const target = Array.from(dom.querySelectorAll('[class]')).find((el) =>
          (el.getAttribute('class') ?? '')
            .split(/\s+/)
            .some((c: string) => c === className || c.endsWith(`--${className}`)),
        );
        if (!target?.getAttribute('data-sid')) throw new Error(`${route}: nothing to tap with class "${className}"`);
        fire(instance, target, 'tap', { x: 0, y: 0 });
        await tick();
      },
      async input(label, value) {
        // Built-in components keep their properties out of the DOM: find the input in the data
        // Taro sent to the page, then fire at its element id. Taro shortens property names in that
        // data (placeholder is `p13` today), so any short property holding the text will do.
        const target = findInData(
          component.data,
          (node) =>
            node.ariaLabel === label || Object.entries(node).some(([key, v]) => /^p\d+$/.test(key) && v === label),
        );
        if (!target) throw new Error(`${route}: no input labelled "${label}"`);
        fire(instance, target, 'input', { value, cursor: value.length, keyCode: 0 });
        await tick();
      },
      unload() {
        for (const [id, entry] of device.canvases) {
          if (!findInData(instance.data, (node) => node.uid === id || node.id === id)) continue;
          (entry as any).node.detached = true;
          device.canvases.delete(id);
        }
        instance.onUnload?.call(instance);
        const index = openPages.indexOf(page);
        if (index >= 0) openPages.splice(index, 1);
        component.detach();
        parent.remove();
      },
    };
    openPages.push(page);
    instance.onLoad?.call(instance, query);
    instance.onShow?.call(instance);
    instance.onReady?.call(instance);
    await tick();
    return page;
  }

  return {
    device,
    open,
    signIn: (session) => storage.set('xf.session', session),
    signOut: () => storage.delete('xf.session'),
    session: () => (storage.get('xf.session') as { token: string; expiresAt: string } | undefined) ?? null,
  };
}

const loadedPageOptions = new Map<string, any>();

const tick = () => new Promise((r) => setTimeout(r, 0));

function findInData(data: unknown, test: (node: Record<string, unknown>) => boolean): string | null {
  if (!data || typeof data !== 'object') return null;
  const node = data as Record<string, unknown>;
  if (typeof node.sid === 'string' && test(node)) return node.sid;
  for (const value of Object.values(node)) {
    const found = findInData(value, test);
    if (found) return found;
  }
  return null;
}

/** The innermost element (with an id Taro can resolve) whose whole text is `label`. */
function findByText(dom: Element, label: string | RegExp): Element | null {
  const matches = (el: Element) => {
    const text = (el.textContent ?? '').trim();
    return typeof label === 'string' ? text === label : label.test(text);
  };
  const candidates = Array.from(dom.querySelectorAll('*')).filter(matches);
  const innermost = candidates.find((el) => !Array.from(el.children).some(matches)) ?? null;
  let current: Element | null = innermost;
  while (current && !current.getAttribute('data-sid')) current = current.parentElement;
  return current;
}

function fire(instance: any, target: Element | string, type: string, detail: Record<string, unknown>) {
  const sid = typeof target === 'string' ? target : target.getAttribute('data-sid')!;
  const node = { id: sid, dataset: { sid } };
  instance.eh({
    type,
    timeStamp: Date.now(),
    target: node,
    currentTarget: node,
    detail,
    touches: [],
    changedTouches: [],
  });
}
