import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Machine facts for benchmark reports. */
export function machine(extra: Record<string, string> = {}): string {
  const cpu = cpus();
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `- node ${process.version}, ${process.platform}/${process.arch}`,
    ...Object.entries(extra).map(([k, v]) => `- ${k}: ${v}`),
  ].join('\n');
}

/** Replaces (or appends) the section `## <title>` of docs/benchmarks.md. */
export function writeSection(title: string, body: string, file = 'docs/benchmarks.md'): void {
  const header = '# Benchmarks\n\nWritten by the `npm run bench:*` scripts; each section is replaced by its own script.\n';
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const marker = `## ${title}\n`;
  const start = doc.indexOf(marker);
  const section = `${marker}\n${body.trim()}\n\n`;
  if (start < 0) doc = `${doc.trimEnd()}\n\n${section}`;
  else {
    const next = doc.indexOf('\n## ', start + marker.length);
    doc = doc.slice(0, start) + section + (next < 0 ? '' : doc.slice(next + 1));
  }
  writeFileSync(file, `${doc.trimEnd()}\n`);
}

export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
