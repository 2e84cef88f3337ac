/** The app's icon files are all there, in the sizes each target needs, and rendered from the current SVG. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, icnsFromPngs, ICO_SIZES, icoFromPngs, pngSize, PNG_SIZES, readIcns, readIco, sourceHash } from './icons';

const icons = new URL('../../assets/icon/', import.meta.url);
const read = (name: string) => readFile(new URL(name, icons));

describe('assets/icon', () => {
  it('was rendered from the SVG as it is now (run `npm run icons` after editing it)', async () => {
    const svg = await readFile(new URL('winnow.svg', icons), 'utf8');
    expect((await read('winnow.svg.sha256')).toString()).toBe(`${sourceHash(svg)}  winnow.svg\n`);
    expect(svg).toContain('viewBox="0 0 1024 1024"');
  });

  it('has a square PNG of each size Linux uses, named as electron-builder expects', async () => {
    for (const size of PNG_SIZES) expect(pngSize(await read(`png/${size}x${size}.png`))).toEqual({ width: size, height: size });
  });

  it('has an ICO for Windows holding 16 to 256 pixels', async () => {
    const images = readIco(await read('winnow.ico'));
    expect(images.map((image) => image.width)).toEqual(ICO_SIZES);
    for (const image of images) expect(pngSize(image.png)).toEqual({ width: image.width, height: image.height });
  });

  it('has an ICNS for macOS holding every type from 16 to 1024 pixels', async () => {
    const images = readIcns(await read('winnow.icns'));
    expect(images.map((image) => [image.type, pngSize(image.png).width])).toEqual(ICNS_TYPES);
  });

  it('writes and reads back both containers', async () => {
    const png = await read('png/16x16.png');
    expect(readIco(icoFromPngs([png]))).toEqual([{ width: 16, height: 16, png }]);
    expect(readIcns(icnsFromPngs([['icp4', png]]))).toEqual([{ type: 'icp4', png }]);
  });
});
