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

/**
 * A release build is the one uploaded to WeChat: `npm run build:weapp:release`
 * (`taro build --type weapp --mode release`, or XF_RELEASE=1 with any mode). It refuses to
 * finish unless the API is an https origin a phone can reach and the appid is the
 * mini-program's own. Other production builds (npm test, the render tests) keep calling
 * http://localhost:3000 with the tourist appid.
 */
export function isReleaseBuild(env: Pick<ConfigEnv, 'mode'>): boolean {
  return platform === 'weapp' && (env.mode === 'release' || process.env.XF_RELEASE === '1');
}

/** What stops a release build, in words; empty when it may go ahead. */
export function releaseProblems(vars: Record<string, string | undefined> = process.env): string[] {
  const problems: string[] = [];
  const base = vars.TARO_APP_API_BASE ?? '';
  let url: URL | null = null;
  try {
    url = new URL(base);
  } catch {
    // reported below
  }
  if (!url || url.protocol !== 'https:') {
    problems.push(
      `TARO_APP_API_BASE must be the API's https:// origin (WeChat calls only https domains listed in 服务器域名); it is ${JSON.stringify(base)}`,
    );
  } else if (url.pathname !== '/' || url.search || url.hash || base.endsWith('/')) {
    problems.push(
      `TARO_APP_API_BASE must be an origin without a path or a trailing slash, e.g. https://xf.example.gov.cn; it is ${base}`,
    );
  } else if (/^(localhost|127\.|0\.0\.0\.0|\[|\d+\.\d+\.\d+\.\d+$)/.test(url.hostname)) {
    problems.push(
      `TARO_APP_API_BASE must name a registered domain, not ${url.hostname} (WeChat refuses IP addresses and localhost)`,
    );
  }
  const appId = vars.TARO_APP_ID ?? '';
  if (!/^wx[0-9a-f]{16}$/.test(appId)) {
    problems.push(
      `TARO_APP_ID must be the mini-program's AppID (wx followed by 16 hex digits, 开发管理 → 开发设置); it is ${JSON.stringify(appId || 'unset')}`,
    );
  }
  return problems;
}

/** Removes the whitespace between WXML tags, and nothing else (text nodes are bound data in Taro's templates). */
export function minifyWxml(source: string): string {
  return source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();
}

interface WebpackLike {
  webpack: {
    Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE: number };
    sources: { RawSource: new (source: string) => unknown };
  };
  hooks: {
    thisCompilation: {
      tap(
        name: string,
        callback: (compilation: {
          hooks: { processAssets: { tap(options: object, callback: (assets: Record<string, unknown>) => void): void } };
          getAsset(name: string): { source: { source(): string | Buffer } } | undefined;
          updateAsset(name: string, source: unknown): void;
        }) => void,
      ): void;
    };
  };
}

/** Runs minifyWxml over every .wxml asset after Taro has written its templates. */
class MinifyWxmlPlugin {
  apply(compiler: WebpackLike) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('xf-minify-wxml', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'xf-minify-wxml', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.wxml')) continue;
            const source = compilation.getAsset(name)?.source.source().toString() ?? '';
            compilation.updateAsset(name, new sources.RawSource(minifyWxml(source)));
          }
        },
      );
    });
  }
}

/** What PreloadHomePlugin reads of webpack's compilation (typed here: config loads without webpack). */
interface PreloadCompilation {
  hooks: { processAssets: { tap(options: object, callback: () => void): void } };
  chunkGroups: Array<{ origins: Array<{ request?: string | null }>; chunks: Array<{ files: Iterable<string> }> }>;
  getAsset(name: string): { source: { source(): string | Buffer } } | undefined;
  updateAsset(name: string, source: unknown): void;
}

/** Files of the chunk groups that load `page` (a route such as pages/index/index). */
export function pageChunkFiles(compilation: Pick<PreloadCompilation, 'chunkGroups'>, page: string): string[] {
  // The page itself, not a subpackage page whose path ends the same (packages/manage/pages/index/index).
  const own = (request: string) => {
    const path = request
      .replace(/\\/g, '/')
      .split('?')[0]!
      .replace(/\.[jt]sx?$/, '');
    return path === page || path.endsWith(`./${page}`) || path.endsWith(`src/${page}`);
  };
  const files = new Set<string>();
  for (const group of compilation.chunkGroups) {
    if (!group.origins.some((o) => own(o.request ?? ''))) continue;
    for (const chunk of group.chunks) for (const file of chunk.files) if (/\.(js|css)$/.test(file)) files.add(file);
  }
  return [...files].sort();
}

/**
 * H5: index.html preloads the chunks of 首页, so on a slow network they arrive with app.js
 * instead of one round trip (2 s on Slow 3G) after it; the router then finds them loaded.
 */
class PreloadHomePlugin {
  apply(compiler: {
    webpack: {
      Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER: number };
      sources: { RawSource: new (source: string) => unknown };
    };
    hooks: { thisCompilation: { tap(name: string, callback: (compilation: PreloadCompilation) => void): void } };
  }) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('xf-preload-home', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After html-webpack-plugin has written index.html.
        { name: 'xf-preload-home', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        () => {
          const html = compilation.getAsset('index.html')?.source.source().toString();
          if (!html) return;
          const links = pageChunkFiles(compilation, 'pages/index/index')
            .map((file) => `<link rel="preload" href="/${file}" as="${file.endsWith('.css') ? 'style' : 'script'}">`)
            .join('');
          compilation.updateAsset('index.html', new sources.RawSource(html.replace('</head>', `${links}</head>`)));
        },
      );
    });
  }
}

/** Taro calls this with webpack-merge's `merge`; the base config is merged with dev.ts or prod.ts. */
export default async function config(merge: Merge, env: ConfigEnv): Promise<TaroConfig> {
  const release = isReleaseBuild(env);
  if (release) {
    const problems = releaseProblems();
    if (problems.length > 0) {
      throw new Error(
        `Release build refused:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSet them in the environment or in .env.release.local (see README, "Release the mini-program").`,
      );
    }
  }
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
    // sitemap.json keeps every personal page out of WeChat search (app.config.ts points at it).
    copy: {
      patterns: platform === 'weapp' ? [{ from: 'src/sitemap.json', to: `dist/${platform}/sitemap.json` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Class names are prefixed per component, so the order CSS chunks merge in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      // Release: WXML without the whitespace between tags (JS and WXSS are minified by every
      // production build: terser and csso). Taro's own `minifyXML` runs html-minifier, which drops
      // `</input>` as an HTML void element and WeChat's compiler then rejects base.wxml.
      webpackChain(chain) {
        if (release) chain.plugin('xf-minify-wxml').use(MinifyWxmlPlugin);
      },
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
        chain.plugin('xf-preload-home').use(PreloadHomePlugin);
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
