// Only types come from @tarojs/cli: loading config must not need Taro's native binding.
import type { ConfigEnv } from '@tarojs/cli';
import type { IProjectConfig } from '@tarojs/taro/types/compile';
import devConfig from './dev';
import prodConfig from './prod';

type TaroConfig = IProjectConfig<'webpack5'>;
type Merge = (...configs: Array<object | null | undefined>) => object;
type Platform = 'h5' | 'weapp';

const platform = (process.env.TARO_ENV ?? 'weapp') as Platform;

/**
 * Where the app finds the API. H5 is served by the API itself (or proxied by the dev
 * server), so it uses the same origin; the mini-program needs an absolute URL, set
 * through TARO_APP_API_BASE (.env, .env.<mode>.local or the environment).
 */
function apiBase(): string {
  if (platform === 'h5') return '';
  return process.env.TARO_APP_API_BASE ?? 'http://localhost:3000';
}

/** Taro calls this with webpack-merge's `merge`; the base config is merged with dev.ts or prod.ts. */
export default async function config(merge: Merge, _env: ConfigEnv): Promise<TaroConfig> {
  const baseConfig: TaroConfig = {
    projectName: 'xianfeng',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // The API serves dist/h5 as static files; WeChat DevTools opens dist/weapp.
    outputRoot: `dist/${platform}`,
    plugins: ['@tarojs/plugin-http'],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Class names are prefixed per component, so the order CSS chunks merge in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Scripts and the style sheet go at the end of <body>: the frame index.html draws
      // (先锋 and 正在加载…) paints as soon as the page arrives, not after the style sheet.
      htmlPluginOption: { inject: 'body' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Pages load as async chunks; sharing only "initial" chunks (Taro's default) copied
      // the H5 components into every page chunk.
      //
      // What the main package's pages share (the tab pages and sign-in, their components,
      // hooks and services, and the Taro parts only they load) goes in one chunk: on Slow 3G
      // (2,000 ms a round trip, six connections) the ~30 one-kilobyte chunks it used to be took
      // ten seconds before 首页 could ask the API anything. Subpackage pages keep their own
      // chunks, and heavy libraries (charts, swiper) stay with the pages that use them.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks');
        if (!splitChunks) return;
        chain.optimization.splitChunks({
          ...splitChunks,
          chunks: 'all',
          cacheGroups: {
            ...(splitChunks.cacheGroups ?? {}),
            xfMain: {
              name: 'xf-main',
              chunks: 'async',
              test: /[\\/]src[\\/](pages|components|hooks|services|utils|styles|assets)[\\/]|[\\/]node_modules[\\/]@tarojs[\\/]/,
              priority: 40,
              enforce: true,
              reuseExistingChunk: true,
            },
          },
        });
      },
      devServer: {
        port: 10086,
        proxy: {
          '/api': { target: 'http://localhost:3000', changeOrigin: true },
        },
      },
    },
  };

  const envConfig = process.env.NODE_ENV === 'development' ? devConfig : prodConfig;
  return merge({}, baseConfig, envConfig) as TaroConfig;
}
