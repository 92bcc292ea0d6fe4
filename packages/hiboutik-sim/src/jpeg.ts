/**
 * A minimal baseline JPEG encoder for solid-colour images, so `/products_images/big_…jpg`
 * answers real, decodable JPEG bytes of the advertised size (1000 × 1000) without a dependency.
 * A solid block has only a DC coefficient: each 8×8 block is "DC difference" + "end of block".
 */

// Standard luminance DC table (ITU T.81 Annex K.3), used for all three components.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// AC table with a single symbol: end-of-block, code "0".
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0];

function huffmanCodes(
  bits: readonly number[],
  values: readonly number[],
): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  bits.forEach((count, index) => {
    for (let i = 0; i < count; i++) {
      const value = values[k++];
      if (value !== undefined) codes.set(value, [code, index + 1]);
      code++;
    }
    code <<= 1;
  });
  return codes;
}

const DC_CODES = huffmanCodes(DC_BITS, DC_VALUES);

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >> i) & 1);
      this.count++;
      if (this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0x00); // byte stuffing
    this.current = 0;
    this.count = 0;
  }

  finish(): number[] {
    if (this.count > 0) this.write(0xff, 8 - this.count); // pad with 1-bits
    return this.bytes;
  }
}

function writeDc(writer: BitWriter, diff: number): void {
  const magnitude = Math.abs(diff);
  const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
  const code = DC_CODES.get(category);
  if (!code) throw new Error(`DC category ${category} out of range`);
  writer.write(code[0], code[1]);
  if (category > 0) writer.write(diff >= 0 ? diff : diff + (1 << category) - 1, category);
}

function segment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

export function solidJpeg(
  width: number,
  height: number,
  rgb: readonly [number, number, number],
): Uint8Array {
  const [r, g, b] = rgb;
  const ycc = [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ].map((v) => Math.round(Math.min(255, Math.max(0, v))) - 128);
  const quant = new Array<number>(64).fill(8); // DC/8 = sample − 128
  const head = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...quant]),
    ...segment(0xc0, [
      8,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      3,
      1,
      0x11,
      0,
      2,
      0x11,
      0,
      3,
      0x11,
      0,
    ]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    ...segment(0xc4, [0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
  ];
  const writer = new BitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let block = 0; block < blocks; block++) {
    for (const dc of ycc) {
      writeDc(writer, block === 0 ? (dc ?? 0) : 0);
      writer.write(0, 1); // end of block
    }
  }
  return Uint8Array.from([...head, ...writer.finish(), 0xff, 0xd9]);
}
