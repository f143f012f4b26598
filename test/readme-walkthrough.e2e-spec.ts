import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceProcess, startService } from './helpers/service-process';
import { TEST_TMP_DIR } from './helpers/test-paths';

// The README walkthrough runs as written: its bash blocks between the walkthrough markers,
// verbatim, against a started service; what it prints must be its `# →` comments, in order.

const README = join(__dirname, '..', 'README.md');
const ADMIN = 'walkthrough-admin-token';

/** The bash blocks between `<!-- walkthrough -->` and `<!-- /walkthrough -->`, in order. */
function walkthroughBlocks(markdown: string): string[] {
  const section = /<!-- walkthrough -->([\s\S]*?)<!-- \/walkthrough -->/.exec(markdown);
  if (!section) throw new Error('README.md has no walkthrough section');
  return [...section[1].matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The documented output: every `# → text` line of the blocks. */
function documentedOutput(blocks: string[]): string[] {
  return blocks.flatMap((block) => [...block.matchAll(/^# → (.*)$/gm)].map((m) => m[1].trimEnd()));
}

describe('README walkthrough', () => {
  let service: ServiceProcess;
  const workDir = join(TEST_TMP_DIR, `walkthrough-${randomUUID()}`);

  beforeAll(async () => {
    mkdirSync(workDir, { recursive: true });
    service = await startService({
      ADMIN_TOKEN: ADMIN,
      DATABASE_URL: `sqlite:${join(workDir, 'workflow.sqlite')}`,
      FILE_STORAGE_DIR: join(workDir, 'files'),
      CODE_PYTHON_SPARES: '0',
    });
    await service.ready;
  }, 90_000);
  afterAll(() => service?.kill());

  it('defines the base URL once, at the top', () => {
    const blocks = walkthroughBlocks(readFileSync(README, 'utf8'));
    expect(blocks[0].split('\n')[0]).toMatch(/^BASE=\$\{BASE:-http:\/\/localhost:7880\}/);
  });

  it('prints what the README says, ids captured from the answers', async () => {
    const blocks = walkthroughBlocks(readFileSync(README, 'utf8'));
    const expected = documentedOutput(blocks);
    expect(expected).toEqual(expect.arrayContaining(['Hello, Ada!', 'You chose Large']));
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-euo', 'pipefail', '-c', blocks.join('\n')],
      { cwd: workDir, env: { ...process.env, BASE: service.url, ADMIN }, timeout: 60_000 },
    );
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
  }, 90_000);
});
