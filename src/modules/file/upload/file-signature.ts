// Leading-byte signatures of the upload types that have one. The declared extension must agree
// with the content, so a renamed executable or HTML page is not published as `x.pdf`. Types
// without a signature (txt, csv) and extensions added by configuration are not checked.

/** How many leading bytes the checks need (PDF allows a little junk before its header). */
export const SIGNATURE_HEAD_BYTES = 1024;

type Matcher = (head: Buffer) => boolean;

const at = (offset: number, ...bytes: number[]): Matcher => {
  const expected = Buffer.from(bytes);
  return (head) =>
    head.length >= offset + expected.length &&
    head.subarray(offset, offset + expected.length).equals(expected);
};
const ascii = (offset: number, text: string): Matcher => at(offset, ...Buffer.from(text, 'latin1'));
const anyOf =
  (...matchers: Matcher[]): Matcher =>
  (head) =>
    matchers.some((m) => m(head));
const allOf =
  (...matchers: Matcher[]): Matcher =>
  (head) =>
    matchers.every((m) => m(head));

const ZIP = at(0, 0x50, 0x4b, 0x03, 0x04); // OOXML containers (docx, xlsx, pptx)
const OLE2 = at(0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1); // legacy Office (doc, xls, ppt)
const ID3 = ascii(0, 'ID3'); // tag block in front of MP3 / AAC audio
// MPEG audio frame sync: 11 set bits; layer bits != 00 (00 is ADTS/AAC)
const MPEG_AUDIO: Matcher = (h) => h.length >= 2 && h[0] === 0xff && (h[1] & 0xe0) === 0xe0;
// ADTS (AAC) frame sync: 12 set bits, layer 00
const ADTS: Matcher = (h) => h.length >= 2 && h[0] === 0xff && (h[1] & 0xf6) === 0xf0;
const PDF: Matcher = (h) => h.subarray(0, SIGNATURE_HEAD_BYTES).includes('%PDF-', 0, 'latin1');

const SIGNATURES: Record<string, Matcher> = {
  pdf: PDF,
  png: at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  jpg: at(0, 0xff, 0xd8, 0xff),
  jpeg: at(0, 0xff, 0xd8, 0xff),
  bmp: ascii(0, 'BM'),
  docx: ZIP,
  xlsx: ZIP,
  pptx: ZIP,
  doc: OLE2,
  xls: OLE2,
  ppt: OLE2,
  wav: allOf(ascii(0, 'RIFF'), ascii(8, 'WAVE')),
  mp3: anyOf(ID3, MPEG_AUDIO),
  flac: ascii(0, 'fLaC'),
  ogg: ascii(0, 'OggS'),
  m4a: ascii(4, 'ftyp'),
  aac: anyOf(ADTS, ID3, ascii(0, 'ADIF')),
  wma: at(0, 0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11), // ASF header GUID
  midi: ascii(0, 'MThd'),
  mid: ascii(0, 'MThd'),
  gif: anyOf(ascii(0, 'GIF87a'), ascii(0, 'GIF89a')),
  webp: allOf(ascii(0, 'RIFF'), ascii(8, 'WEBP')),
};

export function hasSignature(extension: string): boolean {
  return Object.prototype.hasOwnProperty.call(SIGNATURES, extension);
}

/**
 * True when `head` (the first bytes of the file, all of them for short files) fits the
 * extension's signature, or when the extension has none.
 */
export function contentMatchesExtension(extension: string, head: Buffer): boolean {
  return hasSignature(extension) ? SIGNATURES[extension](head) : true;
}
