// A small stand-in for @tarojs/taro: in-memory storage and jest.fn() navigation / UI APIs.
// Tests import it through '@tarojs/taro' (jest moduleNameMapper) and inspect the fns.
import { useEffect, useRef } from 'react';

const storage = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' } as const;

let currentRoute = 'pages/index/index';
let routerParams: Record<string, string> = {};

const taro = {
  ENV_TYPE,
  getEnv: jest.fn(() => ENV_TYPE.WEB),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),
  showToast: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  reLaunch: jest.fn(({ url }: { url: string }) => {
    currentRoute = url.replace(/^\//, '').split('?')[0] as string;
    return Promise.resolve();
  }),
  navigateTo: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  chooseMedia: jest.fn(() => Promise.resolve({ tempFiles: [] as Array<{ tempFilePath: string }>, type: 'image' })),
  uploadFile: jest.fn(),
  downloadFile: jest.fn(() => Promise.resolve({ statusCode: 200, tempFilePath: 'blob:photo' })),
  previewImage: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  scanCode: jest.fn(() => Promise.resolve({ result: '' })),
  getLocation: jest.fn(() => Promise.resolve({ latitude: 39.9, longitude: 116.4 })),
  getSetting: jest.fn(() => Promise.resolve({ authSetting: {} as Record<string, boolean> })),
  openSetting: jest.fn(() => Promise.resolve({ authSetting: {} as Record<string, boolean> })),
  openDocument: jest.fn(() => Promise.resolve()),
  env: { USER_DATA_PATH: 'wxfile://usr' },
  setKeepScreenOn: jest.fn(() => Promise.resolve()),
  switchTab: jest.fn(() => Promise.resolve()),
  /** Like H5 at 375 px wide: half a design pixel. */
  pxTransform: (size: number) => `${size / 2}px`,
  setNavigationBarTitle: jest.fn(() => Promise.resolve()),
  setClipboardData: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(),
  login: jest.fn(() => Promise.resolve({ code: 'wx-code-1', errMsg: 'login:ok' })),
  request: jest.fn(),
  requestSubscribeMessage: jest.fn(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' })),
  getCurrentPages: jest.fn(() => [{ route: currentRoute }]),
  getCurrentInstance: jest.fn(() => ({ router: { path: `/${currentRoute}`, params: routerParams } })),
  /** Like a page shown once: runs after the first render. */
  useDidShow: (callback: () => void) => {
    const latest = useRef(callback);
    latest.current = callback;
    useEffect(() => {
      latest.current();
    }, []);
  },
  /** Pages in tests are never hidden. */
  useDidHide: (_callback: () => void) => undefined,
  pageScrollTo: jest.fn(() => Promise.resolve()),
  usePullDownRefresh: jest.fn(),
  useUnload: jest.fn(),
  onNeedPrivacyAuthorization: jest.fn(),
  /** Taro's in-app event bus, synchronous like the real one. */
  eventCenter: {
    on(name: string, listener: (...args: unknown[]) => void) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
    },
    off(name: string, listener: (...args: unknown[]) => void) {
      listeners.get(name)?.delete(listener);
    },
    trigger(name: string, ...args: unknown[]) {
      for (const listener of [...(listeners.get(name) ?? [])]) listener(...args);
    },
  },
  useRouter: () => ({ params: routerParams, path: currentRoute }),
};

/** Test helpers: not part of Taro. */
export const __mock = {
  storage,
  setRoute(route: string, params: Record<string, string> = {}) {
    currentRoute = route;
    routerParams = params;
  },
  reset() {
    storage.clear();
    listeners.clear();
    currentRoute = 'pages/index/index';
    routerParams = {};
  },
};

export const {
  getEnv,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  showToast,
  showModal,
  reLaunch,
  navigateTo,
  navigateBack,
  chooseMedia,
  uploadFile,
  downloadFile,
  previewImage,
  redirectTo,
  scanCode,
  getLocation,
  getSetting,
  openSetting,
  openDocument,
  setKeepScreenOn,
  switchTab,
  pxTransform,
  setNavigationBarTitle,
  setClipboardData,
  stopPullDownRefresh,
  login,
  request,
  requestSubscribeMessage,
  getCurrentPages,
  getCurrentInstance,
  useDidShow,
  useDidHide,
  pageScrollTo,
  usePullDownRefresh,
  useUnload,
  onNeedPrivacyAuthorization,
  useRouter,
} = taro;

export default taro;
