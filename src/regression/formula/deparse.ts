// R's deparse() of an arithmetic expression, so that coefficient names read as metafor prints
// them: binary operators spaced (`year - 1950`), `/`, `^` and `:` unspaced, `, ` between arguments,
// numbers in R's shortest of fixed and scientific notation (`1e+05`, `0.5`).
import type { MathNode } from 'mathjs';

const BINARY: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  larger: '>',
  smaller: '<',
  largerEq: '>=',
  smallerEq: '<=',
  equal: '==',
  unequal: '!=',
};
/** R's deparse leaves these unspaced (`a/b`, `x^2`); the others get a space either side. */
const UNSPACED = new Set(['/', '^']);

/**
 * A number as R prints it with 15 significant digits: fixed unless scientific is shorter.
 * @example rNumber(100000) // '1e+05'
 * @example rNumber(1950) // '1950'
 */
export function rNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
  const v = Number(x.toPrecision(15));
  const fixed = Math.abs(v) >= 1e15 || (Math.abs(v) < 1e-4 && v !== 0) ? v.toFixed(20).replace(/\.?0+$/, '') : String(v);
  const [mant, exp] = v.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sci = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return sci.length < fixed.length ? sci : fixed;
}

/**
 * R's deparse of a mathjs expression tree (only the node types formulas allow).
 * @example
 * // the tree mathjs's parse('year-1950') gives, written out
 * const tree = { type: 'OperatorNode', fn: 'subtract', args: [{ type: 'SymbolNode', name: 'year' }, { type: 'ConstantNode', value: 1950 }] };
 * deparse(tree) // 'year - 1950'
 */
export function deparse(node: MathNode): string {
  const n = node as MathNode & { type: string; fn?: string | { name: string }; args?: MathNode[]; content?: MathNode; value?: unknown; name?: string };
  switch (n.type) {
    case 'ConstantNode':
      return typeof n.value === 'number' ? rNumber(n.value) : String(n.value);
    case 'SymbolNode':
      return n.name!;
    case 'ParenthesisNode':
      return `(${deparse(n.content!)})`;
    case 'FunctionNode':
      return `${(n.fn as { name: string }).name}(${n.args!.map(deparse).join(', ')})`;
    case 'OperatorNode': {
      const fn = n.fn as string;
      if (fn === 'unaryMinus') return `-${deparse(n.args![0]!)}`;
      if (fn === 'unaryPlus') return `+${deparse(n.args![0]!)}`;
      const op = BINARY[fn] ?? fn;
      return UNSPACED.has(op) ? `${deparse(n.args![0]!)}${op}${deparse(n.args![1]!)}` : `${deparse(n.args![0]!)} ${op} ${deparse(n.args![1]!)}`;
    }
    default:
      return node.toString();
  }
}
