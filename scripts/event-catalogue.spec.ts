import * as fs from 'fs';
import * as path from 'path';
import { findEventFiles, generateCatalogue, OUTPUT, readCatalogue, ROOT } from './generate-event-catalogue';

/**
 * docs/events.md is generated from the sources; this spec fails when someone changes an event without
 * regenerating it (npx tsx scripts/generate-event-catalogue.ts), or when the generator misses an event.
 */
describe('event catalogue (docs/events.md)', () => {
  const committed = fs.readFileSync(path.join(ROOT, OUTPUT), 'utf8');
  const catalogue = readCatalogue();
  const generated = generateCatalogue();

  it('is exactly what the generator produces from the current sources', () => {
    expect(committed).toBe(generated);
  });

  it('covers every aggregate folder that has an events.ts', () => {
    const folders = findEventFiles().map((f) => path.basename(path.dirname(f)));
    expect(folders.length).toBeGreaterThan(0);
    expect(catalogue.map((a) => a.aggregate)).toEqual(folders);
  });

  it('lists every event type declared in every events.ts, with its version and aggregate', () => {
    for (const file of findEventFiles()) {
      const aggregate = path.basename(path.dirname(file));
      const text = fs.readFileSync(file, 'utf8');
      // an independent, textual reading of the sources: every `Event<'Name'` and every versions entry
      const declared = [...text.matchAll(/\bEvent<\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]);
      const versionsBlock = /EventVersions[^=]*=\s*\{([^}]*)\}/.exec(text);
      expect(versionsBlock).not.toBeNull();
      const versioned = [...versionsBlock![1].matchAll(/([A-Za-z0-9_]+)\s*:\s*(\d+)/g)].map((m) => [m[1], Number(m[2])] as const);
      expect(declared.length).toBeGreaterThan(0);
      expect(new Set(versioned.map(([name]) => name))).toEqual(new Set(declared));
      for (const [name, version] of versioned) {
        const section = new RegExp(`^### ${name}\\n\\n- emitted by: \`${aggregate}\`\\n- version: ${version}\\n`, 'm');
        expect({ name, found: section.test(committed) }).toEqual({ name, found: true });
      }
      const entry = catalogue.find((a) => a.aggregate === aggregate)!;
      expect(entry.events.map((e) => e.type)).toEqual(declared);
    }
  });

  it('keeps event type names unique across aggregates', () => {
    const names = catalogue.flatMap((a) => a.events.map((e) => e.type));
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists each field of an event with its type and whether it is optional', () => {
    const notice = catalogue.find((a) => a.aggregate === 'notice')!;
    const published = notice.events.find((e) => e.type === 'NoticePublished')!;
    expect(published.fields).toContainEqual({ name: 'subjectId', type: 'string | null', optional: false, doc: '' });
    expect(published.fields.map((f) => f.name)).toContain('digest');
    const commands = catalogue.flatMap((a) => a.events).flatMap((e) => e.fields);
    expect(commands.every((f) => f.type.length > 0)).toBe(true);
  });
});
