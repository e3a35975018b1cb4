import { encode } from 'uqr';

/** Modules of quiet zone around the code, as the QR standard asks (4). */
const QUIET_ZONE = 4;

/** A QR code of `text`: its dark modules, row by row, with the quiet zone around them. */
export interface QrCode {
  /** Modules per side, quiet zone included. */
  size: number;
  isDark: (row: number, column: number) => boolean;
}

export const qrCodeOf = (text: string): QrCode => {
  // M: the level most QR codes use; a link stays short enough for a small code.
  const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  return { size, isDark: (row, column) => data[row][column] };
};

/** The dark modules as one SVG path, one unit per module: a `M x y h1 v1 h-1 z` square each. */
export const svgPathOf = ({ size, isDark }: QrCode): string => {
  const squares: string[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (isDark(row, column)) squares.push(`M${column} ${row}h1v1h-1z`);
    }
  }
  return squares.join('');
};

/** A standalone SVG file of the code: black on white, `modulePixels` pixels a module when shown at its size. */
export const svgFileOf = (code: QrCode, modulePixels = 8): string => {
  const pixels = code.size * modulePixels;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${code.size} ${code.size}" width="${pixels}" height="${pixels}" shape-rendering="crispEdges">
<rect width="${code.size}" height="${code.size}" fill="#fff"/>
<path d="${svgPathOf(code)}" fill="#000"/>
</svg>
`;
};

/** A PNG of the code, drawn on a canvas at `modulePixels` pixels a module. */
export const pngOf = ({ size, isDark }: QrCode, modulePixels = 8): Promise<Blob> => {
  const canvas = document.createElement('canvas');
  canvas.width = size * modulePixels;
  canvas.height = size * modulePixels;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('This browser cannot draw on a canvas'));
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (isDark(row, column)) context.fillRect(column * modulePixels, row * modulePixels, modulePixels, modulePixels);
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made'))), 'image/png')
  );
};
