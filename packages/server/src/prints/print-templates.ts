/** Compiled print templates, once per programme version and print (versions are immutable, so never stale). */
import { compilePrintTemplate, type PrintTemplate, type Programme } from '@shenbao/engine';

export class PrintTemplateCache {
  private readonly compiled = new Map<string, PrintTemplate>();

  get(versionId: string, programme: Programme, printId: string): PrintTemplate | undefined {
    const key = `${versionId}\u0000${printId}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const loaded = programme.prints.find((p) => p.def.id === printId);
    if (!loaded) return undefined;
    const template = compilePrintTemplate(loaded.template, loaded.css ?? '', loaded.def.template);
    this.compiled.set(key, template);
    return template;
  }
}
