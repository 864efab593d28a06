/**
 * Rows in the text format of PostgreSQL's COPY, written straight into UTF-8 buffers: no line
 * strings to build and join (for a projector batch of 40 MB of documents that join cost more than
 * serialising them). Fields are tab-separated, rows end with a newline, null is \N, and backslash,
 * tab, newline and carriage return inside a value are escaped.
 */
export class CopyRows {
  private readonly chunks: Buffer[] = [];
  private buf: Buffer;
  private at = 0;
  private fields = 0;
  private rowCount = 0;

  constructor(private readonly chunkBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  /** one row: its fields in the COPY's column order */
  row(...values: ReadonlyArray<string | number | null>): this {
    for (const v of values) this.field(v);
    return this.end();
  }

  /** the next field of the current row */
  field(value: string | number | null): this {
    return this.put(copyValue(value));
  }

  /**
   * the next field, holding JSON.stringify output: that has no raw tab, newline or carriage
   * return (JSON escapes every control character), so only its backslashes need doubling
   */
  json(value: string): this {
    return this.put(copyJson(value));
  }

  /**
   * a whole row: these values, then a JSON.stringify output as its last field, in two UTF-8
   * writes (not one per field: the projector writes hundreds of thousands of such rows in a rebuild)
   */
  jsonRow(values: ReadonlyArray<string | number | null>, json: string): this {
    if (this.fields > 0) throw new Error('CopyRows.jsonRow: the current row has fields already; end() it first');
    let head = '';
    for (const v of values) head += `${copyValue(v)}\t`;
    const doc = copyJson(json);
    this.reserve((head.length + doc.length) * 3 + 1);
    this.at += this.buf.write(head, this.at);
    this.at += this.buf.write(doc, this.at);
    this.buf[this.at++] = 0x0a;
    this.rowCount++;
    return this;
  }

  /** ends the current row */
  end(): this {
    this.reserve(1);
    this.buf[this.at++] = 0x0a;
    this.fields = 0;
    this.rowCount++;
    return this;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** the data written so far, as buffers to send in order */
  buffers(): Buffer[] {
    return this.at === 0 ? [...this.chunks] : [...this.chunks, this.buf.subarray(0, this.at)];
  }

  /** the data as one string (tests, small loads) */
  toString(): string {
    return Buffer.concat(this.buffers()).toString('utf8');
  }

  /** a field already in COPY's text format */
  private put(s: string): this {
    // UTF-16 code unit → at most 3 bytes of UTF-8; +1 for the separator
    this.reserve(s.length * 3 + 1);
    if (this.fields++ > 0) this.buf[this.at++] = 0x09;
    this.at += this.buf.write(s, this.at);
    return this;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    if (this.at > 0) this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(this.chunkBytes, bytes));
    this.at = 0;
  }
}

/** a field's text: \\N for null, numbers as they print, text escaped */
const copyValue = (value: string | number | null): string => (value === null ? '\\N' : typeof value === 'number' ? String(value) : escapeCopy(value));

/** JSON.stringify output holds no raw tab, newline or carriage return: only its backslashes are doubled */
const copyJson = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

/** a value of COPY's text format: backslash, tab, newline and carriage return escaped */
export function escapeCopy(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : s;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
