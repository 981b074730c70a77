// What a person waits for in the window, measured in Chromium against browser mode (the same renderer and host as
// the desktop): opening the Ranking page, and a keystroke in the real dossier form until the next frame is drawn;
// and the host's memory (from /proc, in its own process) with the ranking open.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Playwright from 'playwright-core';
import { BENCH_ADMIN, type Dataset } from './datasets';
import { fixed, mb, ms, spread, verdict, type Row, type Spread } from './figures';

const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const OPEN_RUNS = 5;
const KEYSTROKES = 60;
const SETTLE_MS = 3000;
const GOALS = { open10k: 1000, open50k: 3000, frameMs: 16, rssSettled: 250 * 1024 * 1024, rssPeak: 400 * 1024 * 1024 };

interface Host {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

function startHost(distDir: string, dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [join(distDir, 'electron', 'browser.js'), '--data-dir', dataDir, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
}

/** Resident and peak memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return null;
  const status = readFileSync(file, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function signIn(page: Playwright.Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#login-username').fill(BENCH_ADMIN.username);
  await page.locator('#login-password').fill(BENCH_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.locator('nav.main-nav').waitFor({ timeout: 120_000 });
}

async function goTo(page: Playwright.Page, hash: string, ready: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = target;
  }, hash);
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
}

export interface PageFigures {
  collectives: number;
  open: Spread;
  fetch: Spread;
  domNodes: number;
  lastRowShown: boolean;
  memory: { settled: number; peak: number } | null;
}

/** Opens the Ranking page from the campaign page, timed in the page from the navigation to the first row drawn. */
async function measureOpen(page: Playwright.Page): Promise<{ open: Spread; fetch: Spread; domNodes: number }> {
  const opens: number[] = [];
  const fetches: number[] = [];
  for (let run = 0; run < OPEN_RUNS + 1; run += 1) {
    await goTo(page, '#/campaign', 'h1');
    // The baseline: the same call over the same transport, parsed, with nothing drawn.
    const fetched = await page.evaluate(async () => {
      const started = performance.now();
      const response = await fetch('./api/call', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ call: 'ranking.get', input: { campaignYear: 2025, group: 'collective' }, session: sessionStorage.getItem('tdcs.session') }),
      });
      const body = (await response.json()) as { ok: boolean };
      if (!body.ok) throw new Error('ranking.get failed');
      return performance.now() - started;
    });
    const opened = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          const shown = () => document.querySelector('[data-testid="ranking-table"] tbody tr[data-dossier]') !== null;
          const observer = new MutationObserver(() => {
            if (!shown()) return;
            observer.disconnect();
            // Drawn: the frame after the rows are in the document.
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now() - started);
              channel.port2.postMessage(null);
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
          location.hash = '#/ranking';
        }),
    );
    if (run === 0) continue;
    opens.push(opened);
    fetches.push(fetched);
  }
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { open: spread(opens), fetch: spread(fetches), domNodes };
}

/** Scrolls the ranking to its end and checks its last line is drawn (the table's row count names it). */
async function scrollToEnd(page: Playwright.Page): Promise<boolean> {
  const table = page.getByTestId('ranking-table');
  const scroller = page.locator('.vt-scroll', { has: table });
  const last = await table.getAttribute('aria-rowcount');
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await scroller.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.waitForTimeout(100);
    if ((await table.locator(`tbody tr[aria-rowindex="${last}"]`).count()) > 0) return true;
  }
  return false;
}

export interface KeystrokeFigures {
  dom: Spread;
  frame: Spread;
  baselineDom: Spread;
  baselineFrame: Spread;
  keystrokes: number;
}

/** Installs the in-page clock: keydown's time stamp, the input handled (React has committed), the next frame after. */
async function installKeystrokeClock(page: Playwright.Page): Promise<void> {
  await page.evaluate(() => {
    const clock = { down: 0, samples: [] as { dom: number; frame: number }[] };
    (window as unknown as { __keystrokes: typeof clock }).__keystrokes = clock;
    window.addEventListener('keydown', (event) => (clock.down = event.timeStamp), true);
    // A listener on the window in the bubbling phase runs after React's own on the root (and its synchronous render).
    window.addEventListener('input', () => {
      const dom = performance.now() - clock.down;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => clock.samples.push({ dom, frame: performance.now() - clock.down });
        channel.port2.postMessage(null);
      });
    });
  });
}

async function typeInto(page: Playwright.Page, selector: string): Promise<{ dom: number[]; frame: number[] }> {
  const field = page.locator(selector);
  await field.click();
  await field.fill('');
  await page.waitForTimeout(300);
  // Only the keystrokes count, not the clearing of the field.
  await page.evaluate(() => ((window as unknown as { __keystrokes: { samples: unknown[] } }).__keystrokes.samples = []));
  for (let key = 0; key < KEYSTROKES; key += 1) {
    // Six digits, then six deletions: the value stays a number of sensible size.
    await page.keyboard.press(key % 12 < 6 ? String((key % 9) + 1) : 'Backspace');
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(200);
  const samples = await page.evaluate(() => (window as unknown as { __keystrokes: { samples: { dom: number; frame: number }[] } }).__keystrokes.samples);
  return { dom: samples.map((sample) => sample.dom), frame: samples.map((sample) => sample.frame) };
}

/** Keystrokes in the dossier form of a collective, with the dossier list of every dossier loaded first, as a person gets there. */
async function measureKeystrokes(page: Playwright.Page): Promise<KeystrokeFigures> {
  await goTo(page, '#/dossiers', '[data-testid="dossier-table"] tbody tr[data-dossier]');
  const id = await page.getByTestId('dossier-table').locator('tbody tr[data-dossier]').first().getAttribute('data-dossier');
  await goTo(page, `#/dossiers/${encodeURIComponent(id ?? '')}`, '#indicator-meetingsHeld');
  await page.getByTestId('preview-total').waitFor();
  await installKeystrokeClock(page);
  const form = await typeInto(page, '#indicator-meetingsHeld');
  // The baseline in the same page: a plain input whose handler writes its value into the page, nothing else.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'bench-baseline';
    const echo = document.createElement('output');
    input.addEventListener('input', () => (echo.textContent = input.value));
    document.body.prepend(input, echo);
  });
  const plain = await typeInto(page, '#bench-baseline');
  return { dom: spread(form.dom), frame: spread(form.frame), baselineDom: spread(plain.dom), baselineFrame: spread(plain.frame), keystrokes: form.frame.length };
}

export interface BrowserFigures {
  chromium: string;
  pages: PageFigures[];
  keystrokes: KeystrokeFigures | null;
}

/** Runs the window's measurements for each dataset (the keystrokes on the first one). */
export async function browserBench(datasets: Dataset[], distDir: string, root: string): Promise<BrowserFigures | { skipped: string }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath}` };
  const load = createRequire(join(root, 'package.json'));
  const playwright = load('playwright-core') as typeof Playwright;
  const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  const figures: BrowserFigures = { chromium: browser.version(), pages: [], keystrokes: null };
  try {
    for (const [index, dataset] of datasets.entries()) {
      const host = await startHost(distDir, dataset.dataDir);
      try {
        const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 860 } });
        const page = await context.newPage();
        await signIn(page, host.url);
        const open = await measureOpen(page);
        const lastRowShown = await scrollToEnd(page);
        await page.waitForTimeout(SETTLE_MS);
        const memory = host.process.pid ? memoryOf(host.process.pid) : null;
        figures.pages.push({ collectives: dataset.collectives, ...open, lastRowShown, memory: memory ? { settled: memory.rss, peak: memory.peak } : null });
        if (index === 0) figures.keystrokes = await measureKeystrokes(page);
        await context.close();
      } finally {
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}

export function browserRows(figures: BrowserFigures): Row[] {
  const rows: Row[] = [];
  if (figures.keystrokes) {
    const k = figures.keystrokes;
    rows.push({
      what: `keystroke → next frame, dossier form (${k.keystrokes} keys, every dossier loaded)`,
      measured: ms(k.frame),
      baseline: `plain input, same page ${ms(k.baselineFrame)}`,
      ratio: `${fixed(k.frame.median / k.baselineFrame.median, 2)}×`,
      goal: `≤ ${GOALS.frameMs} ms median`,
      verdict: verdict(k.frame.median <= GOALS.frameMs),
    });
    rows.push({ what: '  keystroke → DOM updated', measured: ms(k.dom), baseline: `plain input ${ms(k.baselineDom)}`, ratio: `${fixed(k.dom.median / k.baselineDom.median, 1)}×`, goal: '', verdict: '—' });
  }
  for (const page of figures.pages) {
    const goal = page.collectives >= 50_000 ? GOALS.open50k : GOALS.open10k;
    rows.push({
      what: `opening the Ranking page, ${page.collectives.toLocaleString('en')} collectives (${page.domNodes} DOM nodes; last row ${page.lastRowShown ? 'reached' : 'NOT reached'})`,
      measured: ms(page.open, 0),
      baseline: `fetch + parse of ranking.get ${ms(page.fetch, 0)}`,
      ratio: `${fixed(page.open.median / page.fetch.median, 2)}×`,
      goal: `≤ ${goal} ms`,
      verdict: verdict(page.open.median <= goal && page.lastRowShown),
    });
    if (page.memory) {
      const checked = page.collectives === 10_000;
      rows.push({
        what: `host memory with the ranking open, ${page.collectives.toLocaleString('en')} collectives: settled / peak`,
        measured: `${mb(page.memory.settled)} / ${mb(page.memory.peak)}`,
        baseline: '',
        ratio: '',
        goal: checked ? `≤ ${mb(GOALS.rssSettled)} / ≤ ${mb(GOALS.rssPeak)}` : '(no goal)',
        verdict: checked ? verdict(page.memory.settled <= GOALS.rssSettled && page.memory.peak <= GOALS.rssPeak) : '—',
      });
    }
  }
  return rows;
}
