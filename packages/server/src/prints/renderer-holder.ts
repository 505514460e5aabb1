import type { PdfRenderer } from '../print/index.ts';

/** The app's single PDF renderer, created on first use (no Chromium is looked for until something is printed). */
export class RendererHolder {
  private renderer: PdfRenderer | undefined;
  constructor(private readonly create: () => PdfRenderer) {}
  get(): PdfRenderer {
    this.renderer ??= this.create();
    return this.renderer;
  }
  async close(): Promise<void> {
    await this.renderer?.close({ graceMs: 5_000 });
    this.renderer = undefined;
  }
}
