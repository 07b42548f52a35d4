/**
 * Saving a chart as an image: SVG (vector, its colors and fonts resolved from the theme, its title on top) or PNG
 * (that SVG drawn at 2x). Browser-only: it reads the rendered chart, so it runs from an event handler or an effect.
 */
export type ChartImageFormat = 'svg' | 'png';

export interface ChartImageOptions {
  format?: ChartImageFormat;
  /** PNG pixels per CSS pixel; default 2. */
  scale?: number;
  /** The title drawn above the chart: its own title by default, this text, or none (`false`). */
  title?: boolean | string;
}

/** Presentation properties copied from the rendered marks, so the file looks like the screen without the stylesheet. */
const PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'visibility',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing',
] as const;
const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 28;

/** The chart's figure: the element itself when it is one, else the first chart figure inside it. */
function figureOf(element: Element): HTMLElement {
  const figure = element.matches('[data-chart]') ? element : element.querySelector('[data-chart]');
  if (!(figure instanceof HTMLElement)) throw new TypeError('exportChart: no cskit chart (an element with data-chart) in the given element');
  return figure;
}

function inlineStyles(source: Element, target: Element) {
  const computed = getComputedStyle(source);
  const style = PROPERTIES.map((name) => `${name}:${computed.getPropertyValue(name)}`).join(';');
  target.setAttribute('style', style);
  const sources = source.children;
  const targets = target.children;
  for (let i = 0; i < sources.length; i += 1) {
    const s = sources[i];
    const t = targets[i];
    if (s && t) inlineStyles(s, t);
  }
}

/** The chart as a standalone SVG document (a string). */
export function chartSvg(element: Element, options: Pick<ChartImageOptions, 'title'> = {}): string {
  return drawSvg(element, options).markup;
}

function drawSvg(element: Element, options: Pick<ChartImageOptions, 'title'>): { markup: string; width: number; height: number } {
  const figure = figureOf(element);
  const svg = figure.querySelector('svg');
  if (!svg) throw new TypeError('exportChart: this chart has nothing drawn yet (it is loading or empty)');
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  const figureStyle = getComputedStyle(figure);
  const title = typeof options.title === 'string' ? options.title : options.title === false ? '' : (figure.querySelector('figcaption')?.textContent ?? '').trim();
  const top = title ? TITLE_HEIGHT : 0;

  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height + top));
  out.setAttribute('viewBox', `0 0 ${width} ${height + top}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  const surface = figureStyle.backgroundColor;
  background.setAttribute('fill', surface && surface !== 'rgba(0, 0, 0, 0)' ? surface : figureStyle.getPropertyValue('--cskit-surface').trim() || '#ffffff');
  out.append(background);
  if (title) {
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', '0');
    text.setAttribute('y', '18');
    text.setAttribute('style', `fill:${figureStyle.color};font-family:${figureStyle.fontFamily};font-size:15px;font-weight:600`);
    text.textContent = title;
    out.append(text);
  }
  const body = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, body);
  body.removeAttribute('class');
  body.setAttribute('x', '0');
  body.setAttribute('y', String(top));
  body.setAttribute('width', String(width));
  body.setAttribute('height', String(height));
  // A canvas under the SVG (the quadrant's many points) goes in as an image.
  const canvas = figure.querySelector('canvas');
  if (canvas && canvas.width > 0) {
    const image = document.createElementNS(SVG_NS, 'image');
    image.setAttribute('href', canvas.toDataURL('image/png'));
    image.setAttribute('x', '0');
    image.setAttribute('y', String(top));
    image.setAttribute('width', String(width));
    image.setAttribute('height', String(height));
    out.append(image);
  }
  out.append(body);
  return { markup: new XMLSerializer().serializeToString(out), width, height: height + top };
}

/** The chart as an SVG or PNG file. */
export async function exportChart(element: Element, options: ChartImageOptions = {}): Promise<Blob> {
  const svg = drawSvg(element, options);
  if ((options.format ?? 'svg') === 'svg') return new Blob([svg.markup], { type: 'image/svg+xml' });
  const scale = options.scale ?? 2;
  const url = URL.createObjectURL(new Blob([svg.markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('exportChart: no 2D canvas context');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, svg.width, svg.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('exportChart: PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves the chart as a file: `name.svg` or `name.png` (default name: the chart's title). */
export async function downloadChart(element: Element, options: ChartImageOptions & { fileName?: string } = {}): Promise<void> {
  const format = options.format ?? 'svg';
  const blob = await exportChart(element, options);
  const figure = figureOf(element);
  const named = typeof options.title === 'string' ? options.title : figure.querySelector('figcaption')?.textContent;
  const base = options.fileName ?? ((named ?? figure.dataset.chart ?? 'chart').trim() || 'chart');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${base.replace(/[\\/:*?"<>|]+/g, '-')}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
