// The release build's gate (config/index.ts): an https origin WeChat can reach and the real appid,
// or the build stops; and the WXML minifier keeps what WeChat's compiler needs.
import { minifyWxml, releaseProblems } from '../../config/index';

const APPID = 'wx0123456789abcdef';

describe('release build gate', () => {
  it('accepts an https origin and a real appid', () => {
    expect(releaseProblems({ TARO_APP_API_BASE: 'https://xf.example.gov.cn', TARO_APP_ID: APPID })).toEqual([]);
  });

  it.each([
    ['http://localhost:3000', /https:\/\/ origin/],
    ['http://xf.example.gov.cn', /https:\/\/ origin/],
    ['', /https:\/\/ origin/],
    ['https://xf.example.gov.cn/', /without a path/],
    ['https://xf.example.gov.cn/api', /without a path/],
    ['https://localhost', /registered domain/],
    ['https://10.0.0.8', /registered domain/],
  ])('refuses TARO_APP_API_BASE=%j', (base, message) => {
    const problems = releaseProblems({ TARO_APP_API_BASE: base, TARO_APP_ID: APPID });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it.each([undefined, 'touristappid', 'wx-demo-appid'])('refuses TARO_APP_ID=%j', (appId) => {
    const problems = releaseProblems({ TARO_APP_API_BASE: 'https://xf.example.gov.cn', TARO_APP_ID: appId });
    expect(problems).toEqual([expect.stringMatching(/TARO_APP_ID/)]);
  });
});

describe('WXML minifier', () => {
  it('removes whitespace between tags and comments, and keeps end tags and bindings', () => {
    const source =
      '<!-- t -->\n<template name="a">\n  <input value="{{i.v}}" bindinput="eh"></input>\n  <text>{{i.v}}</text>\n</template>\n';
    expect(minifyWxml(source)).toBe(
      '<template name="a"><input value="{{i.v}}" bindinput="eh"></input><text>{{i.v}}</text></template>',
    );
  });
});
