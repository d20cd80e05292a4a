import { useEffect, useState } from 'react';
import { onTextScaleChange, textScale } from '../utils/text-scale';

/**
 * The page root's style for 大字 (see utils/text-scale.ts). On weapp a page cannot reach the
 * `page` element, so each page root carries the variable; on H5 the document root already does.
 */
export function useTextScale(): { scale: number; style: Record<string, string> | undefined } {
  const [scale, setScale] = useState(textScale);
  useEffect(() => onTextScaleChange(setScale), []);
  return { scale, style: scale > 1 ? { '--xf-text-scale': String(scale) } : undefined };
}
