/**
 * HTML → PDF with the system Chromium, through a small pool of browsers and pages.
 *
 * Why a pool: launching Chromium costs about a second, a fresh page tens of milliseconds; a
 * warm page renders a twenty-page book in well under a second. Pages are recycled after a number
 * of uses (Chromium's memory grows with each document) and a browser that dies is relaunched on
 * the next render, which is retried once.
 *
 * Security: every page has JavaScript switched off and request interception on. Only `data:`
 * URLs (the QR code, inline images) are let through; every other request — http(s), file, ws,
 * navigation by meta refresh — is aborted before it leaves the browser. The HTML from the
 * engine also carries a content security policy that forbids the same, so one mistake in either
 * wall still fetches nothing.
 */
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { findChromium } from './chromium-path.ts';
import { buildFooterTemplate, EMPTY_HEADER_TEMPLATE, type FooterContent } from './footer-template.ts';
import { PdfRenderError } from './pdf-errors.ts';

export interface PdfRendererOptions {
  /** CHROMIUM_PATH from the config; found automatically when undefined. */
  chromiumPath?: string | undefined;
  /** Renders at once (PDF_POOL_SIZE). Default 2. */
  concurrency?: number;
  /**
   * Pages per browser; the pool launches ceil(concurrency / pagesPerBrowser) browsers. Default 1:
   * two pages in one browser measured 0.6–0.8× the books/s of two browsers at the same CPU time
   * per book — something in the browser process lets its prints overlap little (each PDF does get
   * its own print compositor process; separate browser contexts per page did not help) — and a
   * crash then costs one render, not two. Raise it to save memory (~150 MB per browser).
   */
  pagesPerBrowser?: number;
  /** A page is closed and replaced after this many renders. Default 50. */
  maxUsesPerPage?: number;
  /** Limit for loading the HTML and for printing it, each. Default 30 s. */
  timeoutMs?: number;
  /**
   * Write a tagged (accessible) PDF. Default false: tagging costs about 40% more printing time and
   * 30% more bytes, and these PDFs exist to be printed, stamped and scanned — the same content is
   * accessible in the web app.
   */
  taggedPdf?: boolean;
  /** Extra Chromium arguments, after the built-in ones. */
  extraArgs?: string[];
  logger?: PdfRendererLogger;
}

/** The part of a pino/fastify logger the renderer uses. */
export interface PdfRendererLogger {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}

/** What goes around the document on every page. */
export type RenderPdfOptions = FooterContent;

export interface PdfRendererStats {
  /** Renders waiting for a free page. */
  queued: number;
  /** Renders in progress. */
  running: number;
  rendered: number;
  failed: number;
  /** Requests from pages that were refused (anything but data: URLs). */
  blockedRequests: number;
  pagesOpened: number;
  pagesRecycled: number;
  browsersLaunched: number;
  /** Browsers that went away without close() (crash, kill, OOM). */
  browsersLost: number;
  /** Process ids of the running browsers (for health checks and tests). */
  browserPids: number[];
}

/**
 * Launch arguments for headless Chromium in a container: no sandbox (containers have no user
 * namespaces), no GPU, /tmp instead of a small /dev/shm, and no background traffic of its own.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

interface BrowserSlot {
  browser: Browser | null;
  launching: Promise<Browser> | null;
  /** Bumped on each launch, so pages of a dead browser are known to be stale. */
  generation: number;
}

interface PageSlot {
  owner: BrowserSlot;
  page: Page | null;
  pageGeneration: number;
  /** The browser the last render on this slot used (to tell a dead browser from a bad document). */
  browser: Browser | null;
  uses: number;
  busy: boolean;
}

const DEFAULTS = { concurrency: 2, pagesPerBrowser: 1, maxUsesPerPage: 50, timeoutMs: 30_000 };

export class PdfRenderer {
  private readonly executablePath: string;
  private readonly maxUsesPerPage: number;
  private readonly timeoutMs: number;
  private readonly taggedPdf: boolean;
  private readonly args: string[];
  private readonly logger: PdfRendererLogger | undefined;
  private readonly browsers: BrowserSlot[];
  private readonly pages: PageSlot[];
  private readonly waiting: Array<(slot: PageSlot) => void> = [];
  private closing: Promise<void> | null = null;
  private readonly closingBrowsers = new WeakSet<Browser>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly counters = { rendered: 0, failed: 0, blockedRequests: 0, pagesOpened: 0, pagesRecycled: 0, browsersLaunched: 0, browsersLost: 0 };

  constructor(options: PdfRendererOptions = {}) {
    const concurrency = positiveInteger(options.concurrency ?? DEFAULTS.concurrency, 'concurrency');
    const pagesPerBrowser = positiveInteger(options.pagesPerBrowser ?? DEFAULTS.pagesPerBrowser, 'pagesPerBrowser');
    this.maxUsesPerPage = positiveInteger(options.maxUsesPerPage ?? DEFAULTS.maxUsesPerPage, 'maxUsesPerPage');
    this.timeoutMs = positiveInteger(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs');
    this.taggedPdf = options.taggedPdf ?? false;
    this.executablePath = findChromium(options.chromiumPath);
    this.args = [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])];
    this.logger = options.logger;
    const browserCount = Math.ceil(concurrency / pagesPerBrowser);
    this.browsers = Array.from({ length: browserCount }, () => ({ browser: null, launching: null, generation: 0 }));
    this.pages = Array.from({ length: concurrency }, (_, i) => ({
      owner: this.browsers[i % browserCount] as BrowserSlot,
      page: null,
      pageGeneration: -1,
      browser: null,
      uses: 0,
      busy: false,
    }));
  }

  /**
   * Renders one HTML document to an A4 PDF with the footer on every page. Waits for a free page
   * when all are busy. Rejects with PdfRenderError (SB_ERR_PDF_RENDER, SB_ERR_PDF_CLOSED).
   */
  async render(html: string, options: RenderPdfOptions): Promise<Buffer> {
    if (this.closing) throw new PdfRenderError('SB_ERR_PDF_CLOSED');
    const footerTemplate = buildFooterTemplate(options);
    this.inFlight += 1;
    const slot = await this.acquire();
    try {
      try {
        return await this.renderOn(slot, html, footerTemplate);
      } catch (first) {
        // A browser that died under us is replaced and the render tried once more on the new one.
        if (slot.browser === null || slot.browser.connected) throw first;
        this.logger?.warn({ err: first }, 'PDF browser died during a render; retrying on a new browser');
        return await this.renderOn(slot, html, footerTemplate);
      }
    } catch (error) {
      this.counters.failed += 1;
      await this.discardPage(slot);
      if (error instanceof PdfRenderError) throw error;
      throw new PdfRenderError('SB_ERR_PDF_RENDER', error instanceof Error ? error.message : String(error), { cause: error });
    } finally {
      this.release(slot);
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Launches the browsers now, so the first render does not pay the cold start. */
  async warmUp(): Promise<void> {
    await Promise.all(this.browsers.map((owner) => this.browserFor(owner)));
  }

  stats(): PdfRendererStats {
    return {
      queued: this.waiting.length,
      running: this.pages.filter((slot) => slot.busy).length,
      ...this.counters,
      browserPids: this.browsers.flatMap((owner) => {
        const pid = owner.browser?.connected ? owner.browser.process()?.pid : undefined;
        return pid === undefined ? [] : [pid];
      }),
    };
  }

  /**
   * Stops taking renders, lets the accepted ones (running and queued) finish for up to `graceMs`,
   * then closes every browser. Calling it again returns the same promise.
   */
  close({ graceMs = 30_000 }: { graceMs?: number } = {}): Promise<void> {
    this.closing ??= (async () => {
      if (this.inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          this.idleWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      await Promise.all(this.browsers.map((owner) => this.closeBrowser(owner)));
    })();
    return this.closing;
  }

  private async renderOn(slot: PageSlot, html: string, footerTemplate: string): Promise<Buffer> {
    const page = await this.pageFor(slot);
    await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
    const pdf = await page.pdf({
      format: 'A4',
      preferCSSPageSize: true, // the stylesheet's @page decides margins (and landscape, if a print wants it)
      printBackground: true,
      tagged: this.taggedPdf,
      outline: false,
      displayHeaderFooter: true,
      headerTemplate: EMPTY_HEADER_TEMPLATE,
      footerTemplate,
      timeout: this.timeoutMs,
    });
    this.counters.rendered += 1;
    slot.uses += 1;
    if (slot.uses >= this.maxUsesPerPage) {
      this.counters.pagesRecycled += 1;
      await this.discardPage(slot);
    }
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  private async pageFor(slot: PageSlot): Promise<Page> {
    const browser = await this.browserFor(slot.owner);
    slot.browser = browser;
    if (slot.page && slot.pageGeneration === slot.owner.generation && !slot.page.isClosed()) return slot.page;
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => this.guardRequest(request));
      page.on('error', () => {
        // The page's renderer crashed: never reuse it.
        if (slot.page === page) slot.page = null;
      });
      await page.emulateMediaType('print');
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
    this.counters.pagesOpened += 1;
    slot.page = page;
    slot.pageGeneration = slot.owner.generation;
    slot.uses = 0;
    return page;
  }

  /** The only network policy: data: URLs pass, everything else is refused. */
  private guardRequest(request: HTTPRequest): void {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url().startsWith('data:')) {
      void request.continue();
      return;
    }
    this.counters.blockedRequests += 1;
    // A refused navigation (meta refresh, iframe) must leave the current document in place:
    // 'aborted' cancels it quietly, other error codes would swap in Chromium's error page.
    void request.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient');
  }

  private browserFor(owner: BrowserSlot): Promise<Browser> {
    if (owner.browser?.connected) return Promise.resolve(owner.browser);
    owner.launching ??= this.launch(owner).finally(() => {
      owner.launching = null;
    });
    return owner.launching;
  }

  private async launch(owner: BrowserSlot): Promise<Browser> {
    const browser = await puppeteer.launch({
      executablePath: this.executablePath,
      headless: true,
      pipe: true, // talk over a pipe: no DevTools port open on the machine
      args: this.args,
      protocolTimeout: this.timeoutMs * 2,
      handleSIGINT: false, // the server's own shutdown calls close()
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.counters.browsersLaunched += 1;
    owner.browser = browser;
    owner.generation += 1;
    browser.on('disconnected', () => {
      if (owner.browser === browser) owner.browser = null;
      if (this.closing || this.closingBrowsers.has(browser)) return;
      this.counters.browsersLost += 1;
      this.logger?.warn({ pid: browser.process()?.pid }, 'PDF browser exited; it will be relaunched on the next render');
    });
    this.logger?.info({ pid: browser.process()?.pid, executablePath: this.executablePath }, 'PDF browser launched');
    return browser;
  }

  private async discardPage(slot: PageSlot): Promise<void> {
    const page = slot.page;
    slot.page = null;
    slot.uses = 0;
    if (page && !page.isClosed()) await page.close().catch(() => undefined);
  }

  private async closeBrowser(owner: BrowserSlot): Promise<void> {
    const browser = owner.browser ?? (owner.launching ? await owner.launching.catch(() => null) : null);
    owner.browser = null;
    if (!browser) return;
    this.closingBrowsers.add(browser);
    try {
      await browser.close();
    } catch {
      browser.process()?.kill('SIGKILL');
    }
  }

  private acquire(): Promise<PageSlot> {
    // Prefer a free slot whose page is already open.
    const free = this.pages.filter((slot) => !slot.busy);
    const slot = free.find((s) => s.page !== null) ?? free[0];
    if (slot) {
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: PageSlot): void {
    const next = this.waiting.shift();
    if (next) next(slot); // hand over directly: stays busy
    else slot.busy = false;
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new PdfRenderError('SB_ERR_PDF_BAD_OPTIONS', `${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}
