/**
 * Generates docs/events.md, the catalogue of every domain event, from libs/domain/src/<aggregate>/events.ts
 * with the TypeScript compiler API: per aggregate, every event type, its version (from the
 * `<aggregate>EventVersions` const), its fields (name, TS type text, optional or not, doc comment) and the
 * domain types the fields refer to.
 *
 *   npx tsx scripts/generate-event-catalogue.ts           writes docs/events.md
 *   npx tsx scripts/generate-event-catalogue.ts --check   exits 1 when docs/events.md is out of date
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export interface EventField {
  name: string;
  type: string;
  optional: boolean;
  doc: string;
}

export interface CatalogueEvent {
  type: string;
  aggregate: string;
  version: number;
  doc: string;
  fields: EventField[];
}

export interface CatalogueAggregate {
  aggregate: string;
  file: string;
  streamCategory: string | null;
  events: CatalogueEvent[];
  /** domain types referred to by the events' fields: name → declaration text */
  types: Array<{ name: string; file: string; text: string }>;
}

export const ROOT = path.resolve(__dirname, '..');
export const DOMAIN_SRC = 'libs/domain/src';
export const OUTPUT = 'docs/events.md';

/** Every libs/domain/src/<aggregate>/events.ts, sorted by aggregate. */
export function findEventFiles(root = ROOT): string[] {
  const src = path.join(root, DOMAIN_SRC);
  return fs
    .readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(src, d.name, 'events.ts')))
    .map((d) => d.name)
    .sort()
    .map((name) => path.join(src, name, 'events.ts'));
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const rel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

function docOf(symbol: ts.Symbol | undefined, checker: ts.TypeChecker): string {
  return symbol ? oneLine(ts.displayPartsToString(symbol.getDocumentationComment(checker))) : '';
}

/** Reads the catalogue from the sources. Throws when an event has no version, a version no event, or a name repeats. */
export function readCatalogue(root = ROOT): CatalogueAggregate[] {
  const files = findEventFiles(root);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const seen = new Map<string, string>();
  const aggregates = files.map((file) => readAggregate(root, file, program, checker));
  for (const a of aggregates) {
    for (const e of a.events) {
      const other = seen.get(e.type);
      if (other) throw new Error(`event type ${e.type} is declared by both ${other} and ${a.aggregate}; event names must be unique`);
      seen.set(e.type, a.aggregate);
    }
  }
  return aggregates;
}

function readAggregate(root: string, file: string, program: ts.Program, checker: ts.TypeChecker): CatalogueAggregate {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`cannot read ${file}`);
  const aggregate = path.basename(path.dirname(file));
  const versions = readVersions(source, aggregate);
  const events: CatalogueEvent[] = [];
  const referenced = new Map<string, ts.Declaration>();

  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node) && node.typeName.getText(source) === 'Event' && node.typeArguments?.length) {
      const [nameArg, dataArg] = node.typeArguments;
      if (ts.isLiteralTypeNode(nameArg) && ts.isStringLiteral(nameArg.literal)) {
        const type = nameArg.literal.text;
        const alias = ts.isTypeAliasDeclaration(node.parent) ? node.parent : undefined;
        const version = versions.get(type);
        if (version === undefined) throw new Error(`${rel(root, file)}: event ${type} has no entry in ${aggregate}'s EventVersions const`);
        events.push({
          type,
          aggregate,
          version,
          doc: docOf(alias ? checker.getSymbolAtLocation(alias.name) : undefined, checker),
          fields: dataArg ? readFields(dataArg, checker, source, referenced) : [],
        });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  const declared = new Set(events.map((e) => e.type));
  for (const type of versions.keys()) {
    if (!declared.has(type)) throw new Error(`${rel(root, file)}: version given for ${type}, which is not an event of ${aggregate}`);
  }
  return { aggregate, file: rel(root, file), streamCategory: readStreamCategory(path.join(path.dirname(file), 'index.ts')), events, types: supportingTypes(root, referenced) };
}

/** The `export const <x>EventVersions = { Type: n, ... }` object literal. */
function readVersions(source: ts.SourceFile, aggregate: string): Map<string, number> {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.name.text.endsWith('EventVersions')) continue;
      const init = decl.initializer && ts.isSatisfiesExpression(decl.initializer) ? decl.initializer.expression : decl.initializer;
      if (!init || !ts.isObjectLiteralExpression(init)) throw new Error(`${aggregate}: ${decl.name.text} must be an object literal`);
      const versions = new Map<string, number>();
      for (const prop of init.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isNumericLiteral(prop.initializer)) {
          throw new Error(`${aggregate}: ${decl.name.text} entries must be literal numbers`);
        }
        versions.set(prop.name.getText(source).replace(/^['"]|['"]$/g, ''), Number(prop.initializer.text));
      }
      return versions;
    }
  }
  throw new Error(`${aggregate}: events.ts exports no <aggregate>EventVersions const`);
}

function readStreamCategory(indexFile: string): string | null {
  if (!fs.existsSync(indexFile)) return null;
  const match = /export const category\s*=\s*'([^']+)'/.exec(fs.readFileSync(indexFile, 'utf8'));
  return match ? match[1] : null;
}

function readFields(dataNode: ts.TypeNode, checker: ts.TypeChecker, source: ts.SourceFile, referenced: Map<string, ts.Declaration>): EventField[] {
  const type = checker.getTypeFromTypeNode(dataNode);
  collectReferences(dataNode, checker, referenced);
  return checker.getPropertiesOfType(type).map((prop) => {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    let text: string;
    if (decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type) {
      text = oneLine(decl.type.getText(decl.getSourceFile()));
      collectReferences(decl.type, checker, referenced);
    } else {
      text = checker.typeToString(checker.getTypeOfSymbolAtLocation(prop, dataNode), undefined, ts.TypeFormatFlags.NoTruncation);
    }
    return { name: prop.name, type: text, optional: (prop.flags & ts.SymbolFlags.Optional) !== 0, doc: docOf(prop, checker) };
  });
}

/** Records the domain type aliases and interfaces a type node mentions, following them recursively. */
function collectReferences(node: ts.Node, checker: ts.TypeChecker, referenced: Map<string, ts.Declaration>): void {
  const visit = (n: ts.Node): void => {
    if (ts.isTypeReferenceNode(n) && n.typeName.getText() !== 'Event') {
      let symbol = checker.getSymbolAtLocation(ts.isIdentifier(n.typeName) ? n.typeName : n.typeName.right);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const decl = symbol?.declarations?.find((d) => ts.isTypeAliasDeclaration(d) || ts.isInterfaceDeclaration(d));
      const declFile = decl ? decl.getSourceFile().fileName.split(path.sep).join('/') : '';
      const inDomain = declFile.includes(`/${DOMAIN_SRC}/`) && !declFile.includes(`/${DOMAIN_SRC}/shared/`);
      if (decl && inDomain && symbol && !referenced.has(symbol.name)) {
        referenced.set(symbol.name, decl);
        visit(decl);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
}

function supportingTypes(root: string, referenced: Map<string, ts.Declaration>) {
  return [...referenced.entries()]
    .map(([name, decl]) => ({
      name,
      file: rel(root, decl.getSourceFile().fileName),
      text: decl.getText(decl.getSourceFile()).replace(/^export\s+/, ''),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Renders the catalogue as Markdown; deterministic (no dates, sorted). */
export function renderCatalogue(aggregates: CatalogueAggregate[]): string {
  const lines: string[] = [
    '# Event catalogue',
    '',
    '<!-- Generated by `npx tsx scripts/generate-event-catalogue.ts` from libs/domain/src/*/events.ts. Do not edit by hand:',
    '     scripts/event-catalogue.spec.ts fails when this file and the sources disagree. -->',
    '',
    'Every domain event, per aggregate: its type name (unique across aggregates), its schema version, the aggregate that',
    'emits it and the fields of its `data` (plain JSON; instants are ISO-8601 UTC strings). The event store adds the',
    'metadata (actor, community, correlation and causation ids, occurred-at, schema version, hash chain) to every event.',
    '`Instant` (an ISO-8601 UTC string) and `Role` are defined in `libs/domain/src/shared/message.ts`.',
    '',
    '| aggregate | stream category | events |',
    '|---|---|---|',
    ...aggregates.map((a) => `| [${a.aggregate}](#${a.aggregate}) | ${a.streamCategory ? `\`${a.streamCategory}\`` : '—'} | ${a.events.length} |`),
    '',
  ];
  for (const a of aggregates) {
    lines.push(`## ${a.aggregate}`, '', `Source: \`${a.file}\`${a.streamCategory ? ` · stream: \`${a.streamCategory}-<id>\`` : ''}`, '');
    for (const e of a.events) {
      lines.push(`### ${e.type}`, '', `- emitted by: \`${e.aggregate}\``, `- version: ${e.version}`);
      if (e.doc) lines.push(`- ${e.doc}`);
      lines.push('');
      if (e.fields.length === 0) {
        lines.push('No fields.', '');
        continue;
      }
      lines.push('| field | type | optional | notes |', '|---|---|---|---|');
      for (const f of e.fields) lines.push(`| \`${f.name}\` | \`${cell(f.type)}\` | ${f.optional ? 'yes' : 'no'} | ${cell(f.doc)} |`);
      lines.push('');
    }
    if (a.types.length > 0) {
      lines.push(`### Types used by ${a.aggregate} events`, '');
      for (const t of a.types) lines.push(`\`${t.name}\` (${t.file}):`, '', '```ts', t.text, '```', '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function generateCatalogue(root = ROOT): string {
  return renderCatalogue(readCatalogue(root));
}

if (require.main === module) {
  const content = generateCatalogue();
  const target = path.join(ROOT, OUTPUT);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== content) {
      console.error(`${OUTPUT} is out of date; run npx tsx scripts/generate-event-catalogue.ts`);
      process.exit(1);
    }
    console.log(`${OUTPUT} is up to date`);
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    const count = readCatalogue().reduce((n, a) => n + a.events.length, 0);
    console.log(`wrote ${OUTPUT}: ${count} events`);
  }
}
