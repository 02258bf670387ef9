// WebKit through Debian's WebKitGTK WebDriver (/usr/bin/WebKitWebDriver, which opens
// MiniBrowser) on its own Xvfb display, and the few page steps the tests take. Classic
// WebDriver only: WebKitGTK's BiDi support is partial, and the client would otherwise try it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import WebDriver from 'webdriver';
import { expect } from 'vitest';

type Client = Awaited<ReturnType<typeof WebDriver.newSession>>;
type ScriptArg = Parameters<Client['executeScript']>[1][number];

/** The key a WebDriver element reference is stored under (W3C). */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/**
 * The narrowest window MiniBrowser accepts is about 447 px wide (its toolbar), so the
 * phone here is a large one rather than the 375 px the Chromium tests take.
 */
export const PHONE = { width: 450, height: 900 };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Xvfb on the first free display: `-displayfd` makes Xvfb choose it and tell us. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let told = '';
    let log = '';
    xvfb.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      told += chunk.toString();
      if (told.includes('\n')) done({ display: `:${told.trim()}`, process: xvfb });
    });
    xvfb.once('error', fail);
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}\n${log}`)));
  });
}

async function waitForDriver(url: string, driver: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not answer within 30 s');
}

export interface WebKit {
  client: Client;
  close: () => Promise<void>;
}

/**
 * A MiniBrowser window of `size` in Japanese (LANG picks navigator.language; ja_JP.UTF-8
 * must be generated) and Japan's time zone, as a resident's iPhone would be set.
 */
export async function launchWebKit(size = PHONE): Promise<WebKit> {
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn(process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver', [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: {
      ...process.env,
      DISPLAY: xvfb.display,
      LANG: 'ja_JP.UTF-8',
      LANGUAGE: 'ja',
      LC_ALL: 'ja_JP.UTF-8',
      TZ: 'Asia/Tokyo',
      // No GPU under Xvfb: software rendering, and no DMA-BUF renderer that needs one.
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
    },
  });
  const stop = () => {
    driver.kill('SIGTERM');
    xvfb.process.kill('SIGTERM');
  };
  try {
    await waitForDriver(`http://127.0.0.1:${port}`, driver);
    const client = await WebDriver.newSession({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'warn',
      connectionRetryCount: 0,
      capabilities: {
        'wdio:enforceWebDriverClassic': true,
      },
    });
    await client.setWindowRect(null, null, size.width, size.height);
    return {
      client,
      close: async () => {
        try {
          await client.deleteSession();
        } finally {
          stop();
        }
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Runs `script` in the page until it returns `expected` (compared deeply); when it never
 * does, the page's own errors are the likeliest why, so the failure names them.
 */
export async function until<T>(client: Client, script: string, expected: T, args: ScriptArg[] = []): Promise<void> {
  try {
    await expect.poll(() => client.executeScript(script, args), { timeout: 10_000, interval: 100 }).toEqual(expected);
  } catch (error) {
    const errors = await pageErrors(client).catch(() => []);
    if (errors.length === 0) throw error;
    throw new Error(`${String(error)}\nErrors in the page: ${errors.join('; ')}`, { cause: error });
  }
}

export const heading = 'return document.querySelector("h1")?.textContent ?? null';

/**
 * The page's own errors: window.onerror and unhandled rejections, caught from here on
 * (WebKitGTK gives WebDriver no browser log to read). Set again after every full load.
 */
export async function watchErrors(client: Client): Promise<void> {
  await client.executeScript(
    `window.__errors = window.__errors ?? [];
     addEventListener('error', (e) => window.__errors.push(String(e.message)));
     addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));`,
    [],
  );
}

export const pageErrors = (client: Client) =>
  client.executeScript('return window.__errors ?? []', []) as Promise<string[]>;

/**
 * The page's Date reads `serverNow` and ticks on from it, as Playwright's clock does for
 * Chromium: the hold's countdown and "today" agree with the server's pinned clock.
 * Installed after a full load; the app's links then navigate without one.
 */
export async function pinDate(client: Client, serverNow: Date): Promise<void> {
  await client.executeScript(
    `const offset = arguments[0] - Date.now();
     const Real = Date;
     window.Date = class extends Real {
       constructor(...args) { super(...(args.length ? args : [Real.now() + offset])); }
       static now() { return Real.now() + offset; }
     };`,
    [serverNow.getTime()],
  );
}

/** The first element matching `css` whose text is `text` (trimmed), once it is there. */
export async function find(client: Client, css: string, text?: string): Promise<string> {
  let found: Record<string, string> | null = null;
  await expect
    .poll(
      async () => {
        found = (await client.executeScript(
          `return [...document.querySelectorAll(arguments[0])]
             .find((el) => arguments[1] === null || el.textContent.trim() === arguments[1]) ?? null`,
          [css, text ?? null],
        )) as Record<string, string> | null;
        return found !== null;
      },
      { timeout: 10_000, interval: 100, message: `${css} ${text ?? ''}` },
    )
    .toBe(true);
  return (found as unknown as Record<string, string>)[ELEMENT]!;
}

/** A real click, as WebDriver gives it: scrolled into view, hit-tested, then pressed. */
export async function click(client: Client, css: string, text?: string): Promise<void> {
  await client.elementClick(await find(client, css, text));
}

/**
 * Sets an input's value as typing would reach React: through the native setter, then an
 * `input` event. Sent keys lose characters typed with Shift in WebKitGTK under Xvfb.
 */
export async function fill(client: Client, id: string, value: string): Promise<void> {
  await find(client, `#${id}`);
  await client.executeScript(
    `const el = document.getElementById(arguments[0]);
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [id, value],
  );
}

/** Whether the element is wholly inside the window, top to bottom. */
export const inView = (client: Client, css: string) =>
  client.executeScript(
    `const el = document.querySelector(arguments[0]);
     if (!el) return false;
     const box = el.getBoundingClientRect();
     return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;`,
    [css],
  ) as Promise<boolean>;
