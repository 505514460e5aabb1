/**
 * Finds active content in a PDF: scripts (/JavaScript, /JS), actions that start programs or send data (/Launch,
 * /SubmitForm, /ImportData, /GoToE), embedded files (/EmbeddedFile, /EmbeddedFiles, /FileAttachment), rich media and
 * XFA forms. An application book needs none of them; a PDF that has one is refused with the names found.
 *
 * A structural scan, not a PDF renderer. Actions and attachments are dictionary entries, so the scan reads the
 * names of every dictionary: those written in the file (stream data left out, so the random bytes of a scanned
 * image never read as a name) and those inside compressed object streams (/Type /ObjStm, PDF 1.5), which are
 * inflated for it; `#xx` escapes are decoded, so `/J#61vaScript` is still /JavaScript. An object stream that cannot
 * be read (an unknown filter, broken, or inflating past a bound: a zip bomb) is refused as well — real ones are small.
 * Why not pdfjs-dist: it is a renderer of several megabytes that would parse hostile input on the server, and it
 * exposes scripts and attachments but not every action type; the names that make a PDF active are few and fixed by
 * ISO 32000, and finding them needs no layout. Encrypted PDFs hide their dictionaries' strings, not their names,
 * so they are scanned the same way.
 */
import { inflateSync } from 'node:zlib';

export const activePdfNames = ['JavaScript', 'JS', 'Launch', 'SubmitForm', 'ImportData', 'GoToE', 'EmbeddedFile', 'EmbeddedFiles', 'FileAttachment', 'RichMedia', 'XFA'];

/** An object stream inflating beyond this is not one a real writer made. */
const maxObjectStreamBytes = 16 * 1024 * 1024;

function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** PDF names in `text` (latin1), decoded; a name ends at whitespace or a delimiter. */
function namesIn(text: string, into: Set<string>): void {
  for (const match of text.matchAll(/\/([^\s/<>[\](){}%]+)/g)) into.add(decodeName(match[1]!));
}

/** The names an object stream holds, or undefined when it cannot be read within the bound. */
function objectStreamNames(data: Buffer, dictionary: string): Set<string> | undefined {
  const filters = new Set<string>();
  namesIn(dictionary.replace(/\/Type\s*\/ObjStm/, ''), filters);
  const compressed = filters.has('FlateDecode') || filters.has('Fl');
  if ([...filters].some((f) => /Decode$/.test(f) && f !== 'FlateDecode')) return undefined;
  let text: string;
  try {
    text = (compressed ? inflateSync(data, { maxOutputLength: maxObjectStreamBytes }) : data).toString('latin1');
  } catch {
    return undefined;
  }
  const names = new Set<string>();
  namesIn(text, names);
  return names;
}

/** The names of active content found, e.g. ["OpenAction", "JavaScript"]; empty when the PDF is passive. */
export function findPdfActiveContent(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const names = new Set<string>();
  const streamStart = /\bstream\r?\n/g;
  let outsideFrom = 0;
  let unreadableObjectStream = false;
  for (let match = streamStart.exec(text); match; match = streamStart.exec(text)) {
    const objectStart = text.lastIndexOf(' obj', match.index);
    const dictionary = text.slice(Math.max(objectStart, outsideFrom), match.index);
    namesIn(text.slice(outsideFrom, match.index), names);
    const dataStart = match.index + match[0].length;
    const dataEnd = text.indexOf('endstream', dataStart);
    if (dataEnd < 0) {
      outsideFrom = text.length;
      break;
    }
    if (/\/Type\s*\/ObjStm\b/.test(decodeName(dictionary))) {
      const inner = objectStreamNames(pdf.subarray(dataStart, dataEnd), decodeName(dictionary));
      if (!inner) unreadableObjectStream = true;
      else for (const name of inner) names.add(name);
    }
    outsideFrom = dataEnd + 'endstream'.length;
    streamStart.lastIndex = outsideFrom;
  }
  namesIn(text.slice(outsideFrom), names);
  const found = activePdfNames.filter((name) => names.has(name));
  if (unreadableObjectStream) found.push('ObjStm');
  // /OpenAction and /AA alone only say "do something when opened" (often: show page 1); named with one of the above.
  if (found.length > 0) for (const trigger of ['AA', 'OpenAction']) if (names.has(trigger)) found.unshift(trigger);
  return found;
}
