import { SidGenerator } from './sid';

describe('SidGenerator', () => {
  it('mints sids in the reference shape with a rolling counter', () => {
    const sids = new SidGenerator('spf', 'hf', 7880);
    const first = sids.next();
    const second = sids.next();
    expect(first).toMatch(/^spf[0-9a-f]{4}0001@hf[0-9a-f]{11}[0-9a-f]{4}782$/);
    expect(second).toMatch(/^spf[0-9a-f]{4}0002@/);
  });
});
