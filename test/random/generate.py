#!/usr/bin/env python3
"""Generates the random-expression tests of symgrad: test/random/generated/ (random_NN.cpp, main.cpp).

Every expression is a well-typed scalar over the variables of support.hpp (scalars a, b;
vectors u, v of n entries and p of m; a row vector r of k; matrices A, m x n, and B, n x k),
drawn from a fixed seed by a grammar over the library's operations. Each is written twice:
in symgrad's vocabulary, and as ADOL-C code over adoubles (reference.hpp: one loop over the
entries per operation, from the definitions). The generator evaluates each candidate itself
(plain Python, no symgrad) at the test points, and keeps it only if it is well defined there
with room to spare: logarithms, divisions, fractional and negative powers of arguments away
from 0, relu's argument away from its kink, every intermediate value moderate, and a
gradient with respect to every variable that is not degenerate (not all zero). Duplicates
(by their printed form) are drawn again.

    python3 test/random/generate.py            # rewrites the generated files
    python3 test/random/generate.py --check    # fails if they differ from what it would write

The generated files are committed: building the tests does not need Python.
"""
import argparse
import math
import os
import random
import sys

SEED = 20240611          # the expressions
POINT_SEED = 7           # the test points
EXPRESSIONS = 200        # how many expressions
POINTS = 3               # test points per expression
MAX_DEPTH = 4            # depth of the grammar below the final reduction or loss
MAX_OPS = 9              # operations per expression, at most
MIN_OPS = 3              # and at least
MAX_VARIABLES = 4        # variables per expression, at most

# Compile time. An expression costs what deriving, simplifying and evaluating its gradients
# instantiates: its cost is the g++ -O3 CPU seconds of a translation unit holding it alone,
# above one holding the lightest expression. costs.tsv has them measured (measure.py
# --calibrate adds those of new expressions); model_cost() estimates the others (least squares
# on 216 measured expressions, residual 0.6 s). Costlier expressions than MAX_COST are drawn
# again. The expressions are packed into translation units in order, a new one when the sum
# of their costs would pass FILE_BUDGET: in one unit they share kernels and subterms, and a
# unit takes about 2.2 s + 0.78 x the sum (g++ CPU seconds, fitted on 55 units, residual
# 0.6 s), so at most about 7.3 s.
MAX_COST = 3.0
FILE_BUDGET = 6.5
COSTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'costs.tsv')

EXTENT = {'1': 1, 'm': 4, 'n': 3, 'k': 2}
VARS = {  # name: shape, in the order of the ADOL-C independents
    'a': ('1', '1'), 'b': ('1', '1'), 'u': ('n', '1'), 'v': ('n', '1'), 'p': ('m', '1'),
    'r': ('1', 'k'), 'A': ('m', 'n'), 'B': ('n', 'k'),
}
ORDER = list(VARS)
DIMS = ['m', 'n', 'k']

# Domain margins, checked at every point and every point of the finite-difference stencil.
BIG = 1e3          # every intermediate value, in absolute value
AWAY = 0.05        # log, division, sqrt, fractional or negative power: argument at least this
KINK = 0.05        # relu: argument at least this far from 0
PROB = 0.005       # bce's prediction in [PROB, 1 - PROB], cross-entropy's at least PROB
GRAD_MIN = 1e-3    # the largest gradient entry of every variable at every point, at least
FD_STEP = 1e-3     # the C++ test's stencil step (support.hpp)


class Reject(Exception):
    pass


# ---- dense matrices in plain Python ---------------------------------------------------------

class Mat:
    __slots__ = ('r', 'c', 'd')  # d: row-major

    def __init__(self, r, c, d):
        self.r, self.c, self.d = r, c, d

    def at(self, i, j):
        return self.d[(i if self.r > 1 else 0) * self.c + (j if self.c > 1 else 0)]


def ew(x, y, f):
    if not ((x.r == y.r or x.r == 1 or y.r == 1) and (x.c == y.c or x.c == 1 or y.c == 1)):
        raise AssertionError('broadcast')
    r, c = max(x.r, y.r), max(x.c, y.c)
    return Mat(r, c, [f(x.at(i, j), y.at(i, j)) for i in range(r) for j in range(c)])


def emap(x, f):
    return Mat(x.r, x.c, [f(e) for e in x.d])


def transpose(x):
    return Mat(x.c, x.r, [x.d[i * x.c + j] for j in range(x.c) for i in range(x.r)])


def matmul(x, y):
    if x.r * x.c == 1 or y.r * y.c == 1:
        return ew(x, y, lambda s, t: s * t)
    assert x.c == y.r
    return Mat(x.r, y.c, [sum(x.d[i * x.c + l] * y.d[l * y.c + j] for l in range(x.c))
                          for i in range(x.r) for j in range(y.c)])


def scalar(s):
    return Mat(1, 1, [s])


def logsumexp_rows(x):
    rows = transpose(x) if x.c == 1 else x
    out = []
    for i in range(rows.r):
        row = rows.d[i * rows.c:(i + 1) * rows.c]
        s = max(row)
        out.append(s + math.log(sum(math.exp(e - s) for e in row)))
    return Mat(rows.r, 1, out)


def softplus(s):
    return s + math.log1p(math.exp(-s)) if s > 0 else math.log1p(math.exp(s))


def sigmoid(s):
    return 1 / (1 + math.exp(-s)) if s >= 0 else math.exp(s) / (1 + math.exp(s))


# ---- expressions ----------------------------------------------------------------------------

def fmt_const(c):
    s = repr(float(c))
    if s.endswith('.0'):
        s = s[:-2]
    return s


class Node:
    """op, args (Nodes), shape (rows, cols as dimension names), param (name, number)."""

    def __init__(self, op, args, shape, param=None):
        self.op, self.args, self.shape, self.param = op, tuple(args), shape, param
        self._cpp = None

    def ops(self):
        own = 0 if self.op in ('var', 'const', 'dim') else 1
        return own + sum(a.ops() for a in self.args)

    def depth(self):
        return 1 + max((a.depth() for a in self.args), default=0) if self.args else 0

    def variables(self):
        if self.op == 'var':
            return {self.param}
        return set().union(*(a.variables() for a in self.args)) if self.args else set()

    # symgrad
    def cpp(self):
        if self._cpp is None:
            self._cpp = self._print_cpp()
        return self._cpp

    def _print_cpp(self):
        o, x = self.op, [a.cpp() for a in self.args]
        if o in ('var', 'dim'):
            return self.param
        if o == 'const':
            return fmt_const(self.param) + '_c'
        if o == 'ones':
            return 'ones<shape<%s, %s>>{}' % tuple('unit_dim' if d == '1' else 'dim_t<"%s">' % d for d in self.shape)
        if o in INFIX:
            return '(%s %s %s)' % (x[0], INFIX[o], x[1])
        if o == 'neg':
            return '(-%s)' % x[0]
        if o == 'pow':
            e = self.param
            return 'pow(%s, %s%s_c)' % (x[0], '-' if e < 0 else '', fmt_const(abs(e)))
        return '%s(%s)' % (o, ', '.join(x))

    # ADOL-C
    def ref(self):
        o, x = self.op, [a.ref() for a in self.args]
        if o == 'var':
            return 'x.' + self.param
        if o == 'dim':
            return 'ref::C(%d)' % EXTENT[self.param]
        if o == 'const':
            return 'ref::C(%s)' % fmt_const(self.param)
        if o == 'pow':
            return 'ref::Pow(%s, %s)' % (x[0], fmt_const(self.param))
        return 'ref::%s(%s)' % (REF[o], ', '.join(x))

    # plain Python, with the domain checks
    def value(self, env):
        o = self.op
        if o == 'var':
            return env[self.param]
        if o == 'const':
            return scalar(float(self.param))
        if o == 'dim':
            return scalar(float(EXTENT[self.param]))
        x = [a.value(env) for a in self.args]
        out = self._apply(o, x)
        for e in out.d:
            if not (abs(e) <= BIG):
                raise Reject('large value')
        return out

    def _apply(self, o, x):
        if o == 'add':
            return ew(x[0], x[1], lambda s, t: s + t)
        if o == 'sub':
            return ew(x[0], x[1], lambda s, t: s - t)
        if o == 'mul':
            return ew(x[0], x[1], lambda s, t: s * t)
        if o == 'div':
            if min(abs(e) for e in x[1].d) < AWAY:
                raise Reject('division by a small number')
            return ew(x[0], x[1], lambda s, t: s / t)
        if o == 'neg':
            return emap(x[0], lambda s: -s)
        if o in ('pow', 'sqrt'):
            e = 0.5 if o == 'sqrt' else self.param
            if (e != int(e) or e < 0) and min(x[0].d) < AWAY:
                raise Reject('power of a small number')
            return emap(x[0], lambda s: s ** e)
        if o == 'exp':
            if max(x[0].d) > 7:
                raise Reject('large exponential')
            return emap(x[0], math.exp)
        if o == 'log':
            if min(x[0].d) < AWAY:
                raise Reject('log of a small number')
            return emap(x[0], math.log)
        if o == 'sin':
            return emap(x[0], math.sin)
        if o == 'cos':
            return emap(x[0], math.cos)
        if o == 'tanh':
            return emap(x[0], math.tanh)
        if o == 'sigmoid':
            return emap(x[0], sigmoid)
        if o == 'softplus':
            return emap(x[0], softplus)
        if o == 'relu':
            if min(abs(e) for e in x[0].d) < KINK:
                raise Reject('relu near its kink')
            return emap(x[0], lambda s: max(s, 0.0))
        if o == 'transpose':
            return transpose(x[0])
        if o == 'sum':
            return scalar(sum(x[0].d))
        if o == 'mean':
            return scalar(sum(x[0].d) / len(x[0].d))
        if o == 'matmul':
            return matmul(x[0], x[1])
        if o == 'row_sums':
            return Mat(x[0].r, 1, [sum(x[0].d[i * x[0].c:(i + 1) * x[0].c]) for i in range(x[0].r)])
        if o == 'col_sums':
            return transpose(Mat(x[0].c, 1, [sum(x[0].d[i * x[0].c + j] for i in range(x[0].r))
                                              for j in range(x[0].c)]))
        if o == 'logsumexp':
            return logsumexp_rows(x[0])
        if o in ('softmax', 'log_softmax'):
            lse = logsumexp_rows(x[0])
            if x[0].c == 1:
                lse = transpose(lse)  # one value for the whole column
            z = ew(x[0], lse, lambda s, t: s - t)
            return emap(z, math.exp) if o == 'softmax' else z
        if o == 'bce':
            pa, y = x
            if min(pa.d) < PROB or max(pa.d) > 1 - PROB:
                raise Reject('bce prediction near 0 or 1')
            t = ew(y, pa, lambda s, q: s * math.log(q) + (1 - s) * math.log(1 - q))
            return scalar(-sum(t.d) / len(t.d))
        if o == 'cross_entropy':
            pp, y = x
            if min(pp.d) < PROB:
                raise Reject('cross-entropy prediction near 0')
            t = ew(y, pp, lambda s, q: s * math.log(q))
            samples = 1 if pp.c == 1 else pp.r
            return scalar(-sum(t.d) / samples)
        if o == 'mse':
            t = ew(x[0], x[1], lambda s, q: (s - q) ** 2)
            return scalar(sum(t.d) / len(t.d))
        raise AssertionError(o)


INFIX = {'add': '+', 'sub': '-', 'mul': '%', 'div': '/', 'matmul': '*'}
REF = {'add': 'Add', 'sub': 'Sub', 'mul': 'Mul', 'div': 'Div', 'neg': 'Neg', 'sqrt': 'Sqrt', 'exp': 'Exp',
       'log': 'Log', 'sin': 'Sin', 'cos': 'Cos', 'tanh': 'Tanh', 'sigmoid': 'Sigmoid', 'softplus': 'Softplus',
       'relu': 'Relu', 'transpose': 'T', 'sum': 'Sum', 'mean': 'Mean', 'matmul': 'MatMul', 'row_sums': 'RowSums',
       'col_sums': 'ColSums', 'logsumexp': 'LogSumExp', 'softmax': 'Softmax', 'log_softmax': 'LogSoftmax',
       'bce': 'Bce', 'cross_entropy': 'CrossEntropy', 'mse': 'Mse'}

# ---- the grammar ----------------------------------------------------------------------------

SCALAR = ('1', '1')


def tr(s):
    return (s[1], s[0])


def bshape(s, t):
    return (s[0] if s[0] != '1' else t[0], s[1] if s[1] != '1' else t[1])


def var(name):
    return Node('var', [], VARS[name], name)


def const(c):
    return Node('const', [], SCALAR, c)


def N(op, *args, param=None):
    """A node, its shape inferred as symgrad does."""
    s = [a.shape for a in args]
    if op in INFIX and op != 'matmul':
        shape = bshape(s[0], s[1])
    elif op == 'matmul':
        shape = s[1] if s[0] == SCALAR else s[0] if s[1] == SCALAR else (s[0][0], s[1][1])
    elif op == 'transpose':
        shape = tr(s[0])
    elif op in ('sum', 'mean', 'bce', 'cross_entropy', 'mse'):
        shape = SCALAR
    elif op == 'row_sums':
        shape = (s[0][0], '1')
    elif op == 'col_sums':
        shape = ('1', s[0][1])
    elif op == 'logsumexp':
        shape = SCALAR if s[0][1] == '1' else (s[0][0], '1')
    else:
        shape = s[0]
    return Node(op, args, shape, param)


class Grammar:
    def __init__(self, rng):
        self.rng = rng

    def pick(self, weighted):
        """weighted: list of (weight, thunk); calls the chosen thunk."""
        weighted = [(w, f) for w, f in weighted if w > 0]
        total = sum(w for w, _ in weighted)
        x = self.rng.uniform(0, total)
        for w, f in weighted:
            x -= w
            if x <= 0:
                return f()
        return weighted[-1][1]()

    def dim(self):
        return self.rng.choice(DIMS)

    # Leaves of a shape: a variable, a transposed variable, a constant or a size, or a
    # product of two of them for the shapes no variable has.
    def leaf(self, s):
        names = [v for v, t in VARS.items() if t == s]
        tnames = [v for v, t in VARS.items() if tr(t) == s and t != s]
        options = [(3, lambda v=v: var(v)) for v in names] + [(2, lambda v=v: N('transpose', var(v))) for v in tnames]
        if s == SCALAR:
            options += [(1.5, lambda: const(self.rng.choice([0.5, 2, 3, 1.5, 0.25]))),
                        (0.5, lambda: Node('dim', [], SCALAR, self.rng.choice(DIMS)))]
        if options and self.rng.random() < 0.9:
            return self.pick(options)
        for d in self.rng.sample(DIMS + ['1'], 4):
            x, y = (s[0], d), (d, s[1])
            if d == '1' and (s[0] == '1' or s[1] == '1'):
                continue
            if self.has_leaf(x) and self.has_leaf(y):
                return N('matmul', self.leaf(x), self.leaf(y))
        return self.pick(options)

    def has_leaf(self, s):
        return s == SCALAR or any(t == s or tr(t) == s for t in VARS.values())

    def partner(self, s):
        """A shape that broadcasts to s against an operand of shape s."""
        options = [(3, s)]
        if s != SCALAR:
            options.append((1.5, SCALAR))
        if s[0] != '1' and s[1] != '1':
            options += [(2, ('1', s[1])), (2, (s[0], '1'))]
        return self.pick([(w, lambda t=t: t) for w, t in options])

    def operands(self, s):
        """Two shapes whose broadcast is s, in either order."""
        if s[0] != '1' and s[1] != '1' and self.rng.random() < 0.15:
            x, y = (s[0], '1'), ('1', s[1])  # an outer broadcast: a column against a row
        else:
            x, y = s, self.partner(s)
        return (x, y) if self.rng.random() < 0.5 else (y, x)

    def any(self, s, d):
        if d <= 0 or self.rng.random() < 0.12 * (MAX_DEPTH - d + 1):
            return self.leaf(s)
        e = d - 1
        R, C = s
        rng = self.rng

        def binop():
            x, y = self.operands(s)
            return N(rng.choice(['add', 'sub', 'sub', 'mul', 'mul']), self.any(x, e), self.any(y, e))

        def div():
            x, y = self.operands(s)
            return N('div', self.any(x, e), self.pos(y, e))

        def fn():
            return N(rng.choice(['exp', 'sin', 'cos', 'tanh', 'sigmoid', 'softplus', 'relu', 'relu', 'relu']),
                     self.any(s, e))

        def power():
            c = rng.random()
            if c < 0.45:
                return N('pow', self.any(s, e), param=rng.choice([2, 2, 3]))
            if c < 0.7:
                return N('sqrt', self.pos(s, e))
            return N('pow', self.pos(s, e), param=rng.choice([-1, -2, 0.5, 1.5, -0.5, 2.5]))

        def product():
            d_ = rng.choice(DIMS + (['1'] if R != '1' and C != '1' else []))
            return N('matmul', self.any((R, d_), e), self.any((d_, C), e))

        def reduce_to_scalar():
            t = self.shape()
            return N(rng.choice(['sum', 'mean']), self.any(t, e))

        options = [
            (4, binop), (1.5, div), (1, lambda: N('neg', self.any(s, e))), (4, fn),
            (1.5, lambda: N('log', self.pos(s, e))), (2, power),
            (1.5 if s != SCALAR else 0, lambda: N('transpose', self.any(tr(s), e))),
            (1.5, product),
            (1 if s != SCALAR else 0, lambda: N('matmul', self.any(SCALAR, e), self.any(s, e))),
            (1.5 if C == '1' and R != '1' else 0, lambda: N('row_sums', self.any((R, self.dim()), e))),
            (1 if C == '1' and R != '1' else 0, lambda: N('logsumexp', self.any((R, self.dim()), e))),
            (1.5 if R == '1' and C != '1' else 0, lambda: N('col_sums', self.any((self.dim(), C), e))),
            (1 if s != SCALAR else 0, lambda: N('log_softmax', self.any(s, e))),
            (0.7 if s != SCALAR else 0, lambda: N('softmax', self.any(s, e))),
            (4 if s == SCALAR else 0, reduce_to_scalar),
            (1 if s == SCALAR else 0, lambda: N('logsumexp', self.any(self.vector_shape(), e))),
            (1 if s == SCALAR else 0, lambda: self.loss(e)),
        ]
        return self.pick(options)

    def pos(self, s, d):
        """An expression of shape s whose entries are positive (the checks keep them away from 0)."""
        rng = self.rng
        e = max(d - 1, 0)
        if d <= 0:
            return self.pick([(3, lambda: N('exp', self.leaf(s))), (2, lambda: N('softplus', self.leaf(s))),
                              (2, lambda: N('sigmoid', self.leaf(s))),
                              (1, lambda: self.one_plus_square(self.leaf(s)))]
                             + ([(1, lambda: const(rng.choice([0.5, 2, 3])))] if s == SCALAR else []))

        options = [
            (3, lambda: N('exp', self.any(s, e))), (2, lambda: N('softplus', self.any(s, e))),
            (2, lambda: N('sigmoid', self.any(s, e))),
            (1.5, lambda: self.one_plus_square(self.any(s, e))),
            (1, lambda: N(rng.choice(['add', 'mul', 'div']), *self.pos_pair(s, e))),
            (1, lambda: N('pow', self.pos(s, e), param=rng.choice([-1, 0.5, 2, 1.5]))),
            (0.7, lambda: N('sqrt', self.pos(s, e))),
            (1 if s != SCALAR else 0, lambda: N('softmax', self.any(s, e))),
            (0.5 if s != SCALAR else 0, lambda: N('transpose', self.pos(tr(s), e))),
            (0.5, lambda: self.pos_product(s, e)),
            (1 if s == SCALAR else 0, lambda: N(rng.choice(['sum', 'mean']), self.pos(self.shape(), e))),
        ]
        return self.pick(options)

    def pos_pair(self, s, d):
        x, y = self.operands(s)
        return self.pos(x, d), self.pos(y, d)

    def pos_product(self, s, d):
        k_ = self.rng.choice(DIMS)
        return N('matmul', self.pos((s[0], k_), d), self.pos((k_, s[1]), d))

    def one_plus_square(self, x):
        c = const(self.rng.choice([1, 0.5, 2]))
        if self.rng.random() < 0.5:
            return N('add', c, N('mul', x, x))  # the same subterm twice
        return N('add', N('pow', x, param=2), c)

    def shape(self):
        """A non-scalar shape, mostly those of the variables."""
        common = [('m', 'n'), ('n', 'k'), ('n', '1'), ('m', '1'), ('1', 'k'), ('m', 'k')]
        rare = [('n', 'm'), ('k', 'n'), ('1', 'n'), ('1', 'm'), ('k', '1'), ('n', 'n'), ('k', 'k'), ('m', 'm'), ('k', 'm')]
        return self.rng.choice(common) if self.rng.random() < 0.75 else self.rng.choice(rare)

    def vector_shape(self):
        s = self.shape()
        while s[0] != '1' and s[1] != '1':
            s = self.shape()
        return s

    def loss(self, d):
        rng = self.rng
        t = self.shape()
        e = max(d - 1, 0)

        def labels():
            return self.pick([(2, lambda: self.leaf(t)), (2, lambda: N('sigmoid', self.any(t, e))),
                              (1, lambda: self.any(t, e))])

        def bce():
            return N('bce', N('sigmoid', self.any(t, e)), labels())

        def cross_entropy():
            probabilities = self.pick([(3, lambda: N('softmax', self.any(t, e))),
                                       (1, lambda: N('sigmoid', self.any(t, e))),
                                       (1, lambda: N('exp', N('log_softmax', self.any(t, e))))])
            return N('cross_entropy', probabilities, labels())

        def mse():
            return N('mse', self.any(t, e), labels() if rng.random() < 0.5 else self.any(t, e))

        return self.pick([(1, bce), (1, cross_entropy), (1, mse)])

    def top(self):
        """A scalar: a reduction or a loss of something, or a scalar expression."""
        d = MAX_DEPTH
        return self.pick([
            (5, lambda: N(self.rng.choice(['sum', 'mean']), self.any(self.shape(), d))),
            (3, lambda: self.loss(d)),
            (2, lambda: self.any(SCALAR, d)),
        ])


def count(e, ops):
    return (e.op in ops) + sum(count(x, ops) for x in e.args)


def model_cost(e, variables):
    matrices = sum(1 for v in variables if VARS[v][0] != '1' and VARS[v][1] != '1')
    return max(0.1, -0.37 + 0.116 * e.ops() + 0.874 * count(e, {'matmul'})
               + 0.354 * count(e, {'softmax', 'log_softmax', 'logsumexp'})
               + 0.642 * count(e, {'bce', 'cross_entropy', 'mse'}) + 0.242 * count(e, {'bce'})
               - 0.123 * count(e, {'cross_entropy'}) + 0.093 * count(e, {'div'}) + 0.026 * len(variables)
               + 0.681 * matrices)


def load_costs(path=COSTS):
    """The measured costs: seconds, a tab, the expression as printed."""
    table = {}
    if os.path.exists(path):
        for line in open(path):
            seconds, text = line.rstrip('\n').split('\t')
            table[text] = float(seconds)
    return table


MEASURED = load_costs()


def cost(e, variables, table=None):
    table = MEASURED if table is None else table
    return table[e.cpp()] if e.cpp() in table else model_cost(e, variables)


# ---- points and the checks of a candidate ---------------------------------------------------

def make_points():
    rng = random.Random(POINT_SEED)
    out = []
    for _ in range(POINTS):
        env = {}
        for name in ORDER:
            rows, cols = (EXTENT[x] for x in VARS[name])
            env[name] = Mat(rows, cols, [round(rng.uniform(-1.2, 1.2), 6) for _ in range(rows * cols)])
        out.append(env)
    return out


def flat(env):
    """Entries in the order of the ADOL-C independents, each variable column-major."""
    x = []
    for name in ORDER:
        m_ = env[name]
        x += [m_.d[i * m_.c + j] for j in range(m_.c) for i in range(m_.r)]
    return x


def acceptable(e, points):
    """Rejects e unless it is well defined with room to spare at every point and stencil point."""
    variables = [v for v in ORDER if v in e.variables()]
    if not variables:
        raise Reject('constant')
    h = FD_STEP
    for env in points:
        f0 = e.value(env)
        if abs(f0.d[0]) < 1e-3:
            raise Reject('value near 0')
        for name in variables:
            m_ = env[name]
            grad = []
            for i in range(len(m_.d)):
                def f(t):
                    d = list(m_.d)
                    d[i] += t
                    return e.value({**env, name: Mat(m_.r, m_.c, d)}).d[0]
                grad.append((f(-2 * h) - 8 * f(-h) + 8 * f(h) - f(2 * h)) / (12 * h))
            if max(abs(g) for g in grad) < GRAD_MIN:
                raise Reject('degenerate gradient')
    return variables


# ---- rewrites: the same expression written differently -------------------------------------
# The normal form must identify them (issue: "a normal form that is a normal form"). Each
# expression gets one rewrite, of the first kind (from a rotating start) that applies somewhere
# in it, at a site drawn from REWRITE_SEED; the files assert same_form(f, rewritten f).

REWRITE_SEED = 99
REWRITE_KINDS = ('distributed', 'ones', 'transposed', 'reordered', 'scalar')


def ones(rows, cols):
    return Node('ones', [], (rows, cols))


def sites(e, path=()):
    yield path, e
    for i, a in enumerate(e.args):
        yield from sites(a, path + (i,))


def replace(e, path, new):
    if not path:
        return new
    args = list(e.args)
    args[path[0]] = replace(args[path[0]], path[1:], new)
    return Node(e.op, args, e.shape, e.param)


def non_scalar(x):
    return x.shape != SCALAR


def rewrite_at(kind, x):
    """x written differently by one rewrite of the kind, or None where it does not apply."""
    o, a = x.op, x.args
    if kind == 'distributed':
        # y (s +- t) -> y s +- y t, for a matrix or an elementwise product, on either side
        if o in ('matmul', 'mul'):
            for i in (0, 1):
                if a[i].op in ('add', 'sub'):
                    s_, t_ = a[i].args
                    parts = [(a[0], s_), (a[0], t_)] if i == 1 else [(s_, a[1]), (t_, a[1])]
                    return N(a[i].op, N(o, *parts[0]), N(o, *parts[1]))
        return None
    if kind == 'ones':
        # sum(v) -> ones^T v (v ones, ones^T V ones for a matrix)
        if o == 'sum' and non_scalar(a[0]):
            rows, cols = a[0].shape
            y = a[0]
            if rows != '1':
                y = N('matmul', ones('1', rows), y)
            if cols != '1':
                y = N('matmul', y, ones(cols, '1'))
            return y
        return None
    if kind == 'transposed':
        # y z -> (z^T y^T)^T, and (y z)^T -> z^T y^T
        if o == 'matmul' and non_scalar(a[0]) and non_scalar(a[1]):
            return N('transpose', N('matmul', N('transpose', a[1]), N('transpose', a[0])))
        if o == 'transpose' and a[0].op == 'matmul' and non_scalar(a[0].args[0]) and non_scalar(a[0].args[1]):
            y, z = a[0].args
            return N('matmul', N('transpose', z), N('transpose', y))
        return None
    if kind == 'reordered':
        # s + t -> t + s, s - t -> -t + s, s .* t -> t .* s
        if o in ('add', 'mul'):
            return N(o, a[1], a[0])
        if o == 'sub':
            return N('add', N('neg', a[1]), a[0])
        return None
    if kind == 'scalar':
        # a scalar factor moved into or out of a product or a reduction
        if o == 'matmul' and non_scalar(a[0]) and non_scalar(a[1]):
            return N('matmul', N('mul', const(2), a[0]), N('div', a[1], const(2)))
        if o in ('sum', 'mean') and a[0].op == 'mul':
            for i in (0, 1):
                if a[0].args[i].shape == SCALAR and non_scalar(a[0].args[1 - i]):
                    return N('mul', a[0].args[i], N(o, a[0].args[1 - i]))
        if o in ('sum', 'mean'):
            return N('mul', const(3), N(o, N('div', a[0], const(3))))
        return None
    raise ValueError(kind)


def rewrite(e, ident, rng):
    """(kind, e rewritten) for the first kind from ident's place in REWRITE_KINDS that applies."""
    for k in range(len(REWRITE_KINDS)):
        kind = REWRITE_KINDS[(ident + k) % len(REWRITE_KINDS)]
        options = [(path, new) for path, x in sites(e) for new in [rewrite_at(kind, x)] if new is not None]
        if options:
            path, new = options[rng.randrange(len(options))]
            return kind, replace(e, path, new)
    return None


# ---- output ---------------------------------------------------------------------------------

# Library bugs the expressions exposed, as expected failures of their test cases (Boost.Test
# reports "has fewer failures than expected" once a fix lands: then delete the entry and
# regenerate). The text: the expression; the number of failing checks; what is wrong.
KNOWN_BUGS = {}

# Expression number -> (kind, rewritten expression), filled by main().
REWRITES = {}

HEADER = '// Generated by test/random/generate.py (seed %d): edit the generator, not this file.\n' % SEED


def emit_file(index, chunk, first_id):
    out = [HEADER, '#include "../support.hpp"\n\nusing namespace rnd;\n\nnamespace {\n\n']
    for i, (e, variables) in enumerate(chunk):
        out.append('ref::M f%03d(const ref::Vars& x) { return %s; }\n' % (first_id + i, e.ref()))
    out.append('\n// The same expressions written differently reach the same normal form.\n')
    for i, (e, variables) in enumerate(chunk):
        rewritten = REWRITES.get(first_id + i)
        if rewritten:
            out.append('static_assert(same_form(%s, %s));  // e%03d, %s\n' % (e.cpp(), rewritten[1].cpp(), first_id + i,
                                                                             rewritten[0]))
    out.append('\n}  // namespace\n\nBOOST_AUTO_TEST_SUITE(random_%02d)\n' % index)
    for i, (e, variables) in enumerate(chunk):
        ident = first_id + i
        out.append('\n// %d operations, depth %d\n' % (e.ops(), e.depth()))
        if e.cpp() in KNOWN_BUGS:
            failures, why = KNOWN_BUGS[e.cpp()]
            out.append('// Known library bug (generate.py, KNOWN_BUGS): %s.\n' % why)
            out.append('BOOST_AUTO_TEST_CASE(e%03d, *boost::unit_test::expected_failures(%d)) {\n' % (ident, failures))
        else:
            out.append('BOOST_AUTO_TEST_CASE(e%03d) {\n' % ident)
        out.append('  check_expression(%s, %d, "%s", f%03d, %s);\n}\n' % (e.cpp(), ident, e.cpp(), ident,
                                                                            ', '.join(variables)))
    out.append('\nBOOST_AUTO_TEST_SUITE_END()\n')
    return ''.join(out)


def single_source(e, variables):
    """e alone in a translation unit, as measure.py --calibrate compiles it."""
    return emit_file(0, [(e, variables)], 0)


def lightest():
    """The expression the costs are measured above."""
    return N('sum', var('u')), ['u']


def emit_main(points, count, gradients, files):
    rows = []
    for env in points:
        rows.append('      {' + ', '.join(repr(x) for x in flat(env)) + '},\n')
    return (HEADER +
            '#define BOOST_TEST_MODULE symgrad_random\n'
            '#include "../support.hpp"\n\n'
            'namespace rnd {\n\n'
            '// %d expressions in %d files, %d gradients, each at %d points.\n'
            'const std::size_t generated_expressions = %d, generated_gradients = %d;\n\n'
            'const std::vector<point>& points() {\n'
            '  static const std::vector<point> all = [] {\n'
            '    const std::vector<std::vector<double>> entries = {\n%s    };\n'
            '    std::vector<point> out;\n'
            '    for (const auto& x : entries) out.push_back(from_flat(x));\n'
            '    return out;\n'
            '  }();\n'
            '  return all;\n'
            '}\n\n'
            '}  // namespace rnd\n' % (count, files, gradients, POINTS, count, gradients, ''.join(rows)))


def generate(table=None):
    """The expressions (a list of (Node, [variable])), the points, the number of candidates
    drawn and the reasons of the rejections; costs from `table` (default: costs.tsv)."""
    rng = random.Random(SEED)
    grammar = Grammar(rng)
    points = make_points()
    seen, kept, reasons = set(), [], {}
    attempts = 0
    while len(kept) < EXPRESSIONS:
        attempts += 1
        if attempts > 200 * EXPRESSIONS:
            sys.exit('generate.py: too many rejected candidates')
        e = grammar.top()
        text = e.cpp()
        if text in seen:
            reasons['duplicate'] = reasons.get('duplicate', 0) + 1
            continue
        if not (MIN_OPS <= e.ops() <= MAX_OPS):
            reasons['size'] = reasons.get('size', 0) + 1
            continue
        try:
            variables = acceptable(e, points)
        except (Reject, OverflowError, ValueError, ZeroDivisionError) as why:
            reasons[str(why)] = reasons.get(str(why), 0) + 1
            continue
        if len(variables) > MAX_VARIABLES or cost(e, variables, table) > MAX_COST:
            reasons['compile cost'] = reasons.get('compile cost', 0) + 1
            continue
        seen.add(text)
        kept.append((e, variables))
    return kept, points, attempts, reasons


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--check', action='store_true', help='compare with the files on disk instead of writing')
    parser.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'generated'))
    args = parser.parse_args()

    kept, points, attempts, reasons = generate()
    rng = random.Random(REWRITE_SEED)
    for ident, (e, _) in enumerate(kept):
        r = rewrite(e, ident, rng)
        if r:
            REWRITES[ident] = r
    missing = set(KNOWN_BUGS) - {e.cpp() for e, _ in kept}
    if missing:
        print('generate.py: warning: KNOWN_BUGS names expressions not generated: ' + ', '.join(sorted(missing)))
    files = {}
    chunks, load = [[]], 0.0
    for e, variables in kept:
        c = cost(e, variables)
        if chunks[-1] and load + c > FILE_BUDGET:
            chunks.append([])
            load = 0.0
        chunks[-1].append((e, variables))
        load += c
    first = 0
    for index, chunk in enumerate(chunks):
        files['random_%02d.cpp' % index] = emit_file(index, chunk, first)
        first += len(chunk)
    gradients = sum(len(v) for _, v in kept)
    files['main.cpp'] = emit_main(points, len(kept), gradients, len(chunks))
    files['sources.cmake'] = ('# Generated by generate.py: the translation units of test_random.\n'
                              'set(symgrad_random_sources\n' +
                              ''.join('  random/generated/%s\n' % f for f in sorted(files) if f.endswith('.cpp')) + ')\n')

    stale = []
    for name in sorted(os.listdir(args.out)):
        if name.startswith('random_') and name.endswith('.cpp') and name not in files:
            stale.append(name)
            if not args.check:
                os.remove(os.path.join(args.out, name))
    for name, text in files.items():
        path = os.path.join(args.out, name)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(name)
            if not args.check:
                with open(path, 'w') as f:
                    f.write(text)
    print('%d expressions (%d gradients) from %d candidates; rejected: %s' % (
        len(kept), gradients, attempts, ', '.join('%s %d' % kv for kv in sorted(reasons.items()))))
    ops = [e.ops() for e, _ in kept]
    kinds = [k for k, _ in REWRITES.values()]
    print('%d rewrites: %s' % (len(kinds), ', '.join('%s %d' % (k, kinds.count(k)) for k in REWRITE_KINDS)))
    print('operations per expression: min %d, mean %.1f, max %d; depth max %d' % (
        min(ops), sum(ops) / len(ops), max(ops), max(e.depth() for e, _ in kept)))
    costs = [cost(e, v) for e, v in kept]
    measured = sum(1 for e, _ in kept if e.cpp() in MEASURED)
    print('%d files; costs %.0f s (%d of %d measured), about %.0f s of g++ in the files' % (
        len(chunks), sum(costs), measured, len(kept), 2.2 * len(chunks) + 0.78 * sum(costs)))
    if args.check and stale:
        sys.exit('generate.py: out of date: ' + ', '.join(stale))
    if not args.check:
        print('wrote %d files' % len(stale) if stale else 'up to date')


if __name__ == '__main__':
    main()
