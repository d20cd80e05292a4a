// babel-preset-taro switches to CommonJS output under NODE_ENV=test, which jest needs.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
