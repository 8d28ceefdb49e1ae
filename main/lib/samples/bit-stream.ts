/** Bit-level writer and reader for the chunk codec: most significant bit first, at most 32 bits per call. */

const TWO_32 = 2 ** 32;

export class BitWriter {
  private buf: Uint8Array;
  private byte = 0;
  private bit = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }

  /** Writes the low `n` bits (0..32) of `v`. */
  write(v: number, n: number): void {
    while (n > 0) {
      if (this.byte >= this.buf.length) this.grow();
      const free = 8 - this.bit;
      const take = free < n ? free : n;
      const shift = n - take;
      const part = (v >>> shift) & ((1 << take) - 1);
      this.buf[this.byte] = (this.buf[this.byte] as number) | (part << (free - take));
      this.bit += take;
      if (this.bit === 8) {
        this.byte++;
        this.bit = 0;
      }
      n = shift;
    }
  }

  /** Writes a non-negative integer below 2^53 in `n` (33..53) bits. */
  writeWide(v: number, n: number): void {
    this.write(Math.floor(v / TWO_32), n - 32);
    this.write(v >>> 0, 32);
  }

  /** Writes an unsigned integer below 2^53 as 7-bit groups, each with a continuation bit. */
  writeVarint(v: number): void {
    while (v >= 0x80) {
      this.write((v % 0x80) | 0x80, 8);
      v = Math.floor(v / 0x80);
    }
    this.write(v, 8);
  }

  /** The bytes written so far (the last byte padded with zero bits). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.byte + (this.bit > 0 ? 1 : 0));
  }
}

export class BitReader {
  /** Position in bits. */
  private pos = 0;
  private readonly buf: Uint8Array;
  private readonly bits: number;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.bits = buf.length * 8;
  }

  /** The 32 bits starting at the current position (zero bits past the end). */
  peek32(): number {
    const b = this.buf;
    const i = this.pos >>> 3;
    const word = (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
    const off = this.pos & 7;
    return off === 0 ? word : ((word << off) | ((b[i + 4] ?? 0) >>> (8 - off))) >>> 0;
  }

  /** Moves past `n` bits (already looked at with peek32). */
  skip(n: number): void {
    if (this.pos + n > this.bits) throw new RangeError('chunk data ends early');
    this.pos += n;
  }

  /** Reads `n` (0..32) bits as an unsigned integer. */
  read(n: number): number {
    if (n === 0) return 0;
    if (this.pos + n > this.bits) throw new RangeError('chunk data ends early');
    const v = this.peek32() >>> (32 - n);
    this.pos += n;
    return n === 32 ? v >>> 0 : v;
  }

  readBit(): number {
    if (this.pos >= this.bits) throw new RangeError('chunk data ends early');
    const b = ((this.buf[this.pos >>> 3] as number) >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return b;
  }

  readWide(n: number): number {
    const hi = this.read(n - 32);
    return hi * TWO_32 + this.read(32);
  }

  readVarint(): number {
    let out = 0;
    let scale = 1;
    for (;;) {
      const b = this.read(8);
      out += (b & 0x7f) * scale;
      if (b < 0x80) return out;
      scale *= 0x80;
    }
  }
}
