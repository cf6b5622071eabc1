// Finds the places in src/ where a user-facing message is written inline instead of coming from a
// messages module (src/messages.ts, src/<part>/messages.ts): the text of a `new MetasynthError(…)`,
// of `warningAt`/`plainIssue`/`fieldIssue`, and every `message:`/`error:`/`reason:`/`note:` property of an object
// literal (warnings and issues built by hand, zod checks, exclusions, derivation notes). Used by test/unit/core/messages.test.ts.
import ts from 'typescript';

export interface MessageSite {
  /** The call or property the text belongs to. */
  readonly kind: 'error' | 'warningAt' | 'plainIssue' | 'fieldIssue' | 'message' | 'problem';
  /** The inline text expression (a string or template literal). */
  readonly node: ts.Expression;
  /** The enclosing call or property assignment. */
  readonly owner: ts.Node;
}

/**
 * Object-literal properties that carry user-facing text: the message of a warning or issue, the
 * `error` of a zod check or a failed conversion, the `reason` a row was left out, the `note` of a
 * derivation.
 */
const TEXT_PROPERTIES = new Set(['message', 'error', 'reason', 'note']);

/** Text argument position of each message helper. */
const HELPER_TEXT_ARG: Readonly<Record<string, number>> = { warningAt: 2, plainIssue: 2, fieldIssue: 3 };

/** A module that is allowed to hold message text: a part's messages module, or the shared one. */
export function isMessagesModule(path: string): boolean {
  return /(^|\/)messages\.ts$/.test(path) || /(^|\/)core\/message\.ts$/.test(path);
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
  return x;
}

/** The literal pieces of a text expression: literals themselves, the branches of `a ? 'x' : 'y'`, the sides of `'x' + y`. */
export function inlineTexts(e: ts.Expression): ts.Expression[] {
  const x = unwrap(e);
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x) || ts.isTemplateExpression(x)) return [x];
  if (ts.isConditionalExpression(x)) return [...inlineTexts(x.whenTrue), ...inlineTexts(x.whenFalse)];
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts = [...inlineTexts(x.left), ...inlineTexts(x.right)];
    return parts.length > 0 ? [x] : [];
  }
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return inlineTexts(x.right);
  }
  return [];
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Every inline message text in one source file. */
export function messageSites(source: ts.SourceFile): MessageSite[] {
  const sites: MessageSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && calleeName(node.expression) === 'MetasynthError' && node.arguments && node.arguments.length > 1) {
      for (const t of inlineTexts(node.arguments[1]!)) sites.push({ kind: 'error', node: t, owner: node });
    } else if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const at = name === undefined ? undefined : HELPER_TEXT_ARG[name];
      const arg = at === undefined ? undefined : node.arguments[at];
      if (arg) for (const t of inlineTexts(arg)) sites.push({ kind: name as MessageSite['kind'], node: t, owner: node });
      // A list of problems that becomes the issues of an error (`problems.push(`...`)`).
      const list = ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'push' ? node.expression.expression : undefined;
      if (list && ts.isIdentifier(list) && list.text === 'problems' && node.arguments[0]) {
        for (const t of inlineTexts(node.arguments[0])) sites.push({ kind: 'problem', node: t, owner: node });
      }
    } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent) && TEXT_PROPERTIES.has(propertyName(node.name) ?? '')) {
      for (const t of inlineTexts(node.initializer)) sites.push({ kind: 'message', node: t, owner: node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** One entry of a messages module: its code, its parameters and its template, as written. */
export interface CatalogueEntry {
  readonly module: string;
  readonly code: string;
  readonly params: string;
  readonly template: string;
  readonly line: number;
}

/** The entries of every `defineMessages({ ... })` table in one messages module. */
export function catalogueEntries(source: ts.SourceFile, module: string): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'defineMessages') {
      const table = n.arguments[0];
      if (table && ts.isObjectLiteralExpression(table)) {
        for (const p of table.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isArrowFunction(p.initializer)) continue;
          const f = p.initializer;
          entries.push({
            module,
            code: p.name.getText(source),
            params: f.parameters.map((x) => x.getText(source)).join(', '),
            template: f.body.getText(source),
            line: source.getLineAndCharacterOfPosition(p.getStart(source)).line + 1,
          });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return entries;
}
