// Renders an @antv/f2 chart into a Taro <Canvas type="2d"> on both platforms: on weapp the
// canvas node comes from a selector query, on H5 it is the DOM canvas element. F2 is only
// imported from this subpackage, so it never weighs on the main package.
import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, View } from '@tarojs/components';
import { Canvas as F2Canvas } from '@antv/f2';
import './index.scss';

export interface ChartSize {
  width: number;
  height: number;
}

/** An F2 element tree (built with `jsx` from @antv/f2). */
export type F2Element = unknown;

export interface F2ChartProps {
  /** Unique on the page: the selector query finds the canvas by it. */
  id: string;
  /** Builds the chart for the canvas size in CSS px; called again whenever `dataKey` changes. */
  render: (size: ChartSize) => F2Element;
  /** A new value re-renders the chart with the latest `render`. */
  dataKey: string;
  /** What the chart shows, for screen readers (a canvas has no text). */
  label: string;
  className?: string;
}

interface Mounted {
  chart: F2Canvas;
  size: ChartSize;
  /** The latest render or update: destroying the chart before it settles breaks F2's scene graph. */
  settled: Promise<unknown>;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D | null;
  createImage?: () => HTMLImageElement;
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
}

function pixelRatio(): number {
  if (process.env.TARO_ENV === 'h5') return window.devicePixelRatio || 1;
  const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
  return info.pixelRatio || 1;
}

/** The canvas node and its CSS size: a selector query on weapp, the DOM on H5. */
function findCanvas(id: string): Promise<{ node: CanvasNode; size: ChartSize } | null> {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id);
    const element = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas');
    if (!element) return Promise.resolve(null);
    const rect = element.getBoundingClientRect();
    return Promise.resolve({ node: element, size: { width: rect.width, height: rect.height } });
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((results: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
        const found = results?.[0];
        if (!found?.node || !found.width || !found.height) return resolve(null);
        resolve({ node: found.node, size: { width: found.width, height: found.height } });
      });
  });
}

/**
 * F2 measures text (axis labels, legends) on an off-screen canvas: `OffscreenCanvas`, else
 * `document.createElement('canvas')`. WeChat has neither (Taro's stand-in document gives an
 * element without getContext: "this.canvas.getContext is not a function"), so the mini-program
 * hands F2 one of its own. A browser does not need it.
 */
function measuringCanvas(): unknown {
  if (process.env.TARO_ENV === 'h5' || typeof Taro.createOffscreenCanvas !== 'function') return undefined;
  return Taro.createOffscreenCanvas({ type: '2d', width: 300, height: 150 });
}

function draw(node: CanvasNode, size: ChartSize, render: (size: ChartSize) => F2Element): Mounted | null {
  const ratio = pixelRatio();
  node.width = Math.round(size.width * ratio);
  node.height = Math.round(size.height * ratio);
  const context = node.getContext('2d');
  if (!context) return null;
  const chart = new F2Canvas({
    context,
    pixelRatio: ratio,
    width: size.width,
    height: size.height,
    animate: false,
    createImage: node.createImage ? () => node.createImage!() : undefined,
    // The canvas node's own frames (on weapp): they stop with the page, so F2 never draws on a
    // chart that was destroyed when the member left.
    requestAnimationFrame: node.requestAnimationFrame
      ? (callback: () => void) => node.requestAnimationFrame!(callback)
      : undefined,
    cancelAnimationFrame: node.cancelAnimationFrame
      ? (handle: number) => node.cancelAnimationFrame!(handle)
      : undefined,
    offscreenCanvas: measuringCanvas() as HTMLCanvasElement | undefined,
    children: render(size),
  });
  return { chart, size, settled: chart.render().catch(() => undefined) };
}

export function F2Chart({ id, render, dataKey, label, className }: F2ChartProps) {
  const mounted = useRef<Mounted | null>(null);
  const latestRender = useRef(render);
  latestRender.current = render;

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The canvas exists, and has a size, only once the page has been laid out: look again
    // a few times (a page still sliding in measures 0 x 0).
    const attempt = (left: number) => {
      timer = setTimeout(() => {
        void findCanvas(id).then((found) => {
          if (cancelled) return;
          if (!found || found.size.width === 0 || found.size.height === 0) {
            if (left > 0) attempt(left - 1);
            return;
          }
          mounted.current = draw(found.node, found.size, latestRender.current);
        });
      }, 50);
    };
    attempt(40);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      const current = mounted.current;
      mounted.current = null;
      if (current) void current.settled.then(() => current.chart.destroy());
    };
  }, [id]);

  useEffect(() => {
    const current = mounted.current;
    if (!current) return;
    current.settled = current.settled
      .then(() => current.chart.update({ children: latestRender.current(current.size) }))
      .catch(() => undefined);
  }, [dataKey]);

  return (
    <View className={['xf-f2-chart', className].filter(Boolean).join(' ')} role="img" aria-label={label}>
      <TaroCanvas type="2d" id={id} canvasId={id} className="xf-f2-chart__canvas" />
    </View>
  );
}
