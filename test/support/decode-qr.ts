/** Reads a QR code back from a PNG (jsQR on pngjs pixels), to prove an image holds the link. */
import jsQRModule from "jsqr";
import { PNG } from "pngjs";

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS (module.exports = jsQR) but its types declare a default export.
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;

export function decodeQrPng(png: Buffer | Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
