/**
 * `npm run icons`: renders assets/icon/winnow.svg into the PNG, ICO and ICNS files the packaged
 * app's targets need (scripts/pack/icons.ts), with Chromium (Debian's, as the end-to-end tests use)
 * so that no image library is needed. Run it after editing the SVG and commit what it writes.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './esbuild-options.mjs';
import { ICNS_TYPES, icnsFromPngs, ICO_SIZES, icoFromPngs, PNG_SIZES, sourceHash } from './pack/icons';

const folder = join(root, 'assets', 'icon');
const svg = await readFile(join(folder, 'winnow.svg'), 'utf8');
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const browser = await chromium.launch({ executablePath });
const page = await browser.newPage();

const rendered = new Map<number, Buffer>();
for (const size of new Set([...PNG_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, pixels]) => pixels)])) {
  await page.setViewportSize({ width: size, height: size });
  const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
  rendered.set(size, await page.screenshot({ omitBackground: true, type: 'png', clip: { x: 0, y: 0, width: size, height: size } }));
}
await browser.close();

await mkdir(join(folder, 'png'), { recursive: true });
for (const size of PNG_SIZES) await writeFile(join(folder, 'png', `${size}x${size}.png`), rendered.get(size)!);
await writeFile(join(folder, 'winnow.ico'), icoFromPngs(ICO_SIZES.map((size) => rendered.get(size)!)));
await writeFile(join(folder, 'winnow.icns'), icnsFromPngs(ICNS_TYPES.map(([type, pixels]) => [type, rendered.get(pixels)!])));
await writeFile(join(folder, 'winnow.svg.sha256'), `${sourceHash(svg)}  winnow.svg\n`);
process.stdout.write(`assets/icon: ${PNG_SIZES.length} PNGs, winnow.ico (${ICO_SIZES.join(', ')}), winnow.icns (${ICNS_TYPES.length} images)\n`);
