import { isSafeExtension, parseClientFileName } from './file-name';

describe('parseClientFileName', () => {
  it.each([
    ['report.PDF', 'report.PDF', 'pdf', false],
    ['archive.tar.gz', 'archive.tar.gz', 'gz', false],
    ['README', 'README', 'readme', false], // no dot: the whole name is the "extension"
    ['C:\\fakepath\\scan.png', 'scan.png', 'png', false],
    ['../../etc/passwd.txt', 'passwd.txt', 'txt', false],
    ['a\u0000b\u202e.pdf', 'ab.pdf', 'pdf', false],
    ['  notes.txt  ', 'notes.txt', 'txt', false],
    ['', '', '', true],
    [undefined, '', '', true],
    ['.pdf', '.pdf', 'pdf', true],
    ['  .pdf', '.pdf', 'pdf', true],
    ['dir/', '', '', true],
  ])('%j → name %j, extension %j, empty %s', (raw, name, extension, isEmpty) => {
    expect(parseClientFileName(raw)).toEqual({ name, extension, isEmpty });
  });

  it('hides a right-to-left override that disguises the real extension', () => {
    // "invoice\u202Efdp.exe" renders as "invoiceexe.pdf" but is an .exe
    expect(parseClientFileName('invoice\u202efdp.exe').extension).toBe('exe');
  });

  it('normalises to NFC so equal-looking names are equal', () => {
    expect(parseClientFileName('cafe\u0301.txt').name).toBe('caf\u00e9.txt');
  });
});

describe('isSafeExtension', () => {
  it.each([
    ['pdf', true],
    ['m4a', true],
    ['', false],
    ['p df', false],
    ['../x', false],
    ['a'.repeat(17), false],
  ])('%j → %s', (ext, safe) => expect(isSafeExtension(ext)).toBe(safe));
});
