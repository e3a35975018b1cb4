import jsQR from 'jsqr';
import { qrCodeOf, svgFileOf, svgPathOf } from '../../admin/src/utils/qr-code';

const URL_OF_LINK = `https://cms.example.com/invitations/join/${'Ab3-_x'.repeat(7)}X`;

/** The code drawn as RGBA pixels, `scale` a module, as a camera would see it: what a reader decodes. */
const pixelsOf = (text: string, scale = 4) => {
  const code = qrCodeOf(text);
  const side = code.size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const value = code.isDark(Math.floor(y / scale), Math.floor(x / scale)) ? 0 : 255;
      pixels.set([value, value, value, 255], (y * side + x) * 4);
    }
  }
  return { pixels, side };
};

test('a reader decodes the code back to the link', () => {
  const { pixels, side } = pixelsOf(URL_OF_LINK);
  expect(jsQR(pixels, side, side)?.data).toBe(URL_OF_LINK);
});

test('the code keeps the quiet zone of four modules around it', () => {
  const code = qrCodeOf(URL_OF_LINK);
  const edge = Array.from({ length: code.size }, (_, i) => [
    [0, i],
    [3, i],
    [i, code.size - 1],
  ]).flat();
  expect(edge.some(([row, column]) => code.isDark(row, column))).toBe(false);
  expect(code.isDark(4, 4)).toBe(true); // the finder pattern's corner
});

test('the SVG file holds the same modules, black on white, as one path', () => {
  const code = qrCodeOf(URL_OF_LINK);
  const file = svgFileOf(code);
  expect(file).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/
  );
  expect(file).toContain(`<path d="${svgPathOf(code)}" fill="#000"/>`);
  const squares = svgPathOf(code).match(/M\d+ \d+h1v1h-1z/g) ?? [];
  let dark = 0;
  for (let row = 0; row < code.size; row += 1)
    for (let column = 0; column < code.size; column += 1) dark += code.isDark(row, column) ? 1 : 0;
  expect(squares).toHaveLength(dark);
});
