import { contentMatchesExtension, hasSignature } from './file-signature';

const bytes = (...b: number[]) => Buffer.from(b);
const text = (s: string) => Buffer.from(s, 'latin1');
const pad = (head: Buffer, length = 64) => Buffer.concat([head, Buffer.alloc(length)]);

// leading bytes of real files of each type
const SAMPLES: Record<string, Buffer> = {
  pdf: text('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'),
  png: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d),
  jpg: bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46),
  bmp: text('BM6\x00\x0c\x00'),
  docx: bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00),
  doc: bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
  wav: text('RIFF\x24\x08\x00\x00WAVEfmt '),
  mp3: text('ID3\x04\x00\x00'),
  flac: text('fLaC\x00\x00\x00\x22'),
  ogg: text('OggS\x00\x02'),
  m4a: text('\x00\x00\x00\x20ftypM4A '),
  aac: bytes(0xff, 0xf1, 0x50, 0x80),
  wma: bytes(0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9),
  midi: text('MThd\x00\x00\x00\x06'),
};

describe('contentMatchesExtension', () => {
  it.each(Object.entries(SAMPLES))('accepts a real %s header', (ext, head) => {
    expect(contentMatchesExtension(ext, pad(head))).toBe(true);
  });

  it.each([
    ['pdf', SAMPLES.png],
    ['png', SAMPLES.jpg],
    ['jpg', text('<html><script>alert(1)</script>')],
    ['docx', SAMPLES.doc],
    ['doc', SAMPLES.docx],
    ['wav', text('RIFF\x24\x08\x00\x00WEBPVP8 ')],
    ['mp3', text('MZ\x90\x00')],
    ['pdf', Buffer.alloc(0)],
    ['png', bytes(0x89, 0x50)], // a truncated header is no header
  ])('refuses %s content that is something else', (ext, head) => {
    expect(contentMatchesExtension(ext, head)).toBe(false);
  });

  it('shares one signature between jpg/jpeg, the OOXML and the OLE2 families', () => {
    expect(contentMatchesExtension('jpeg', SAMPLES.jpg)).toBe(true);
    for (const ext of ['xlsx', 'pptx'])
      expect(contentMatchesExtension(ext, SAMPLES.docx)).toBe(true);
    for (const ext of ['xls', 'ppt']) expect(contentMatchesExtension(ext, SAMPLES.doc)).toBe(true);
  });

  it('finds a PDF header after a little leading junk, not after 1 KiB', () => {
    expect(contentMatchesExtension('pdf', Buffer.concat([text('\r\n\r\n'), SAMPLES.pdf]))).toBe(
      true,
    );
    expect(contentMatchesExtension('pdf', Buffer.concat([Buffer.alloc(1024), SAMPLES.pdf]))).toBe(
      false,
    );
  });

  it('accepts anything for types without a signature', () => {
    expect(hasSignature('txt')).toBe(false);
    expect(hasSignature('csv')).toBe(false);
    expect(contentMatchesExtension('txt', bytes(0x00, 0xff))).toBe(true);
    expect(contentMatchesExtension('csv', Buffer.alloc(0))).toBe(true);
  });
});
