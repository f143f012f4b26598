import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { createServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// What one streamed frame costs the host's kernel, apart from any of our code: a 600-byte write
// on a loopback TCP connection to another process that sleeps until it arrives (as a client
// waiting for its next frame does). On a VM the wake-up of the other process dominates; the
// figure tells hosts apart when latency figures of two sessions disagree.

const WRITES = 1000;
const FRAME = Buffer.alloc(600, 120);

/** µs of CPU per round of `act` then a 1 ms sleep (so a reader falls asleep again) */
async function cpuPerRound(act: () => void): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < WRITES; i += 1) {
    act();
    await sleep(1);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / WRITES;
}

/** µs of this process's CPU (user + system) per write to a sleeping reader process */
export async function loopbackWriteCost(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  // the reader: another process that connects and drains what arrives
  const reader = spawn(
    process.execPath,
    ['-e', `require('net').connect(${port}, '127.0.0.1').on('data', () => {})`],
    { stdio: 'ignore' },
  );
  try {
    const socket = await accepted;
    socket.setNoDelay(true);
    for (let i = 0; i < 50; i += 1) socket.write(FRAME); // warm the path up
    await sleep(20);
    // the loop's own cost (a timer waking this process) is measured alone and taken off
    const idle = await cpuPerRound(() => undefined);
    const writing = await cpuPerRound(() => socket.write(FRAME));
    socket.destroy();
    return writing - idle;
  } finally {
    reader.kill();
    server.close();
  }
}

const SPIN_MS = 2000;
/** a gap this long between two clock reads of a spinning loop: the process lost its core */
const FREEZE_MS = 1;

export interface CpuFreezes {
  /** gaps longer than `FREEZE_MS` per second of spinning */
  perSecond: number;
  worstMs: number;
}

/**
 * How often a busy process loses its core on this host, while as many processes spin as there
 * are cores (as under the 200-stream load: service, fake model and clients). On a VM whose
 * cores are shared with other guests the spinner freezes for milliseconds at a time; such a
 * freeze lands in the latency of every frame due meanwhile, whatever the service does.
 */
export async function cpuFreezes(cores: number): Promise<CpuFreezes> {
  const spin = `const end = Date.now() + ${SPIN_MS + 500}; while (Date.now() < end);`;
  const others = Array.from({ length: Math.max(0, cores - 1) }, () =>
    spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
  );
  try {
    await sleep(200); // let the other spinners start
    let gaps = 0;
    let worst = 0;
    const start = performance.now();
    let last = start;
    while (last - start < SPIN_MS) {
      const now = performance.now();
      const gap = now - last;
      if (gap > FREEZE_MS) gaps += 1;
      if (gap > worst) worst = gap;
      last = now;
    }
    return { perSecond: gaps / (SPIN_MS / 1000), worstMs: worst };
  } finally {
    for (const other of others) other.kill();
  }
}

/** busy and total CPU time of the whole box so far, summed over its cores (ms) */
export function boxTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}
