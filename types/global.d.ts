/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** API origin injected by config/index.ts (defineConstants); empty on H5 = same origin. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    /** Absolute https origin of the API for the mini-program build. */
    TARO_APP_API_BASE?: string;
    TARO_APP_ID?: string;
  }
}
