import { join } from 'node:path';
import { CONSOLE_DIR, consoleAsset } from './console-assets';

describe('consoleAsset', () => {
  it('finds the console files with their content types', () => {
    expect(consoleAsset('index.html')).toEqual({
      file: join(CONSOLE_DIR, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(consoleAsset('js/pages/apps.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(consoleAsset('console.css')?.contentType).toBe('text/css; charset=utf-8');
  });

  it('serves nothing outside the folder, of another type, or missing', () => {
    for (const path of [
      '../package.json',
      'js/../../package.json',
      '/etc/passwd',
      '.hidden.js',
      'js//main.js',
      'JS/main.js',
      'index.html.map',
      'README.md',
      'js/missing.js',
    ]) {
      expect(consoleAsset(path)).toBeUndefined();
    }
  });
});
