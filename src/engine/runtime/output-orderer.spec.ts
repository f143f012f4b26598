import { flowStartFrame } from './frames';
import { OutputOrderer } from './output-orderer';
import type { RunFrame } from './run-frame';

function tagged(tag: string): RunFrame {
  const frame = flowStartFrame();
  frame.message = tag;
  return frame;
}

describe('OutputOrderer (docs/engine.md#output-ordering)', () => {
  it('forwards lanes one at a time in opening order, buffering later lanes', () => {
    const out: string[] = [];
    const orderer = new OutputOrderer((frame) => out.push(frame.message));
    const m1 = orderer.open();
    const m2 = orderer.open();
    m2.push(tagged('m2-start'));
    m1.push(tagged('m1-start'));
    m2.push(tagged('m2-a'));
    m2.close();
    expect(out).toEqual(['m1-start']);
    const m3 = orderer.open();
    m3.push(tagged('m3-start'));
    m1.push(tagged('m1-end'));
    m1.close();
    expect(out).toEqual(['m1-start', 'm1-end', 'm2-start', 'm2-a', 'm3-start']);
    m3.push(tagged('m3-end'));
    m3.close();
    expect(out.slice(-1)).toEqual(['m3-end']);
  });
});
