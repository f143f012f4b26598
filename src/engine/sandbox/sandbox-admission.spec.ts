import { AppException } from '../errors/engine-error';
import { SandboxAdmission } from './sandbox-admission';

describe('SandboxAdmission', () => {
  let now = 0;
  const admission = () =>
    new SandboxAdmission({ startsPerCaller: 2, tenantsPerMinute: 2 }, () => now);
  const code = (run: () => unknown) => {
    try {
      run();
      return 0;
    } catch (error) {
      return (error as AppException).code;
    }
  };

  beforeEach(() => (now = 0));

  it('counts distinct keys per caller within a sliding minute', () => {
    const gate = admission();
    expect(code(() => gate.useTenant('c', 'k1'))).toBe(0);
    expect(code(() => gate.useTenant('c', 'k2'))).toBe(0);
    expect(code(() => gate.useTenant('c', 'k1'))).toBe(0); // known keys are free
    expect(code(() => gate.useTenant('c', 'k3'))).toBe(21604);
    expect(code(() => gate.useTenant('other', 'k3'))).toBe(0);
    now = 30_000;
    expect(code(() => gate.useTenant('c', 'k1'))).toBe(0); // k1 used again at 30 s
    now = 60_000;
    // k2 (last used at 0) has left the window; k1 has not
    expect(code(() => gate.useTenant('c', 'k3'))).toBe(0);
    expect(code(() => gate.useTenant('c', 'k4'))).toBe(21604);
  });

  it('caps concurrent starts per caller; ending a start twice counts once', () => {
    const gate = admission();
    const first = gate.beginStart('c');
    const second = gate.beginStart('c');
    expect(code(() => gate.beginStart('c'))).toBe(21604);
    expect(code(() => gate.beginStart('d'))).toBe(0);
    first();
    first();
    const third = gate.beginStart('c');
    expect(code(() => gate.beginStart('c'))).toBe(21604);
    second();
    third();
    expect(code(() => gate.beginStart('c'))).toBe(0);
  });
});
