#!/usr/bin/env python3
"""Reference values for the sequential tests, from the closed forms (python3 standard library only).

Wald's SPRT between N(0, V) and N(m, V) at an estimate d: ln LR = (m*d - m*m/2) / V.
Each block prints the numbers one test copies; the tests name the block.
"""
import math
import statistics


def llr(d, v, m, centre=None):
    return m * (d - (m / 2 if centre is None else centre)) / v


def binomial_shape(p0, m):
    """The binomial ratio between p0 and p0 + m as a normal ratio on d: (centre, per-request variance)."""
    p0 = min(max(p0, m / 4), 0.5)
    p1 = min(p0 + m, (1 + p0) / 2)
    slope = math.log(p1 * (1 - p0) / (p0 * (1 - p1)))
    zero = math.log((1 - p0) / (1 - p1)) / slope
    return (zero - p0) / (p1 - p0) * m, (p1 - p0) / slope


def rate_llr(rc, nc, rb, nb, m):
    level = min(max((rc * nc + rb * nb) / (nc + nb), rb), rb + m)
    centre, sigma2 = binomial_shape(level, m)
    pb = min(level + m / 2, 0.5)
    v = sigma2 / nc + pb * (1 - pb) / nb
    return llr(rc - rb, v, m, centre)


def two_sided(d, v, m):
    return math.log((math.exp(llr(d, v, m)) + math.exp(llr(-d, v, m))) / 2)


print("# wald")
print("llr(0.01, 1e-5, 0.01) =", repr(llr(0.01, 1e-5, 0.01)))
print("two_sided(0.1, 0.002, 0.25) =", repr(two_sided(0.1, 0.002, 0.25)))

print("# error rate")


def error_rate(xc, nc, xb, nb, rel=1.0, absolute=0.005):
    rb, rc = xb / nb, xc / nc
    m = max(rel * rb, absolute)
    return rate_llr(rc, nc, rb, nb, m)


for case in [(40, 2000, 20, 2000), (0, 1000, 0, 1000), (0, 5000, 0, 5000), (20, 100, 0, 1000), (22, 2000, 20, 2000)]:
    print(case, repr(error_rate(*case)))

# A baseline known far better than the candidate: the test is Wald's binomial SPRT on the candidate's errors.
xc, nc, p0, p1 = 15, 1000, 0.01, 0.02
print("binomial", repr(xc * math.log(p1 / p0) + (nc - xc) * math.log((1 - p1) / (1 - p0))),
      "with nb = 1e9:", repr(error_rate(xc, nc, 1e7, 1e9)))

print("# quantile (multinomial over the cells from the lower edge of the baseline's p95 bucket up)")


def multinomial_llr(p, q, c, nc, nb):
    w = [math.log(qj / pj) for pj, qj in zip(p, q)]
    m = sum(wj * (qj - pj) for wj, pj, qj in zip(w, p, q))
    centre = -sum(wj * pj for wj, pj in zip(w, p))
    mid = [(pj + qj) / 2 for pj, qj in zip(p, q)]
    mean = sum(wj * mj for wj, mj in zip(w, mid))
    vb = sum(mj * (wj - mean) ** 2 for wj, mj in zip(w, mid))
    d = sum(wj * (cj - pj) for wj, cj, pj in zip(w, c, p))
    v = m / nc + vb / nb
    return d, m, llr(d, v, m, centre)


def cumulative_at(v, bounds, cumulative):
    """The cumulative count at v: log-normal inside the bucket (probit linear in ln v), else linear."""
    k = 0
    while k < len(bounds) - 1 and bounds[k] < v:
        k += 1
    lower = min(0, bounds[0]) if k == 0 else bounds[k - 1]
    below = 0 if k == 0 else cumulative[k - 1]
    total = cumulative[-1]
    if lower > 0 and lower < v < bounds[k] and below > 0 and cumulative[k] < total:
        n = statistics.NormalDist()
        zl, zu = n.inv_cdf(below / total), n.inv_cdf(cumulative[k] / total)
        return total * n.cdf(zl + (zu - zl) * math.log(v / lower) / math.log(bounds[k] / lower))
    return below + (cumulative[k] - below) * min(max((v - lower) / (bounds[k] - lower), 0), 1)


# bounds 0.1, 0.2, 0.4, +Inf; baseline 500, 400, 90, 10; candidate 400, 450, 130, 20
# baseline p95 rank 950 lies in bucket (0.2, 0.4]: cells <= 0.2, (0.2, 0.4], +Inf
# regressed cumulative at e / 1.2, log-normal inside each bucket
r02 = cumulative_at(0.2 / 1.2, [0.1, 0.2, 0.4, math.inf], [500, 900, 990, 1000])
r04 = cumulative_at(0.4 / 1.2, [0.1, 0.2, 0.4, math.inf], [500, 900, 990, 1000])
print("regressed cumulative at 0.2/1.2 and 0.4/1.2", repr(r02), repr(r04))
p = [900 / 1000, 90 / 1000, 10 / 1000]
q = [r02 / 1000, (r04 - r02) / 1000, (1000 - r04) / 1000]
c = [850 / 1000, 130 / 1000, 20 / 1000]
print("d, m, llr", [repr(x) for x in multinomial_llr(p, q, c, 1000, 1000)])
# two cells are the binomial shape: 4% vs 2% above an edge, baseline known from 1e9
print("two cells", repr(multinomial_llr([0.98, 0.02], [0.96, 0.04], [0.97, 0.03], 1000, 1e9)[2]),
      "binomial", repr(rate_llr(0.03, 1000, 0.02, 1e9, 0.02)))

print("# mean shift")
bounds = [-1, 0, 1, math.inf]
values = [-1, -0.5, 0.5, 1]
baseline = [100, 400, 400, 100]
candidate = [80, 360, 440, 120]


def moments(counts):
    n = sum(counts)
    mean = sum(v * c for v, c in zip(values, counts)) / n
    return n, mean, sum(c * (v - mean) ** 2 for v, c in zip(values, counts))


nb, mb, sb = moments(baseline)
nc, mc, sc = moments(candidate)
s = math.sqrt((sb + sc) / (nb + nc - 2))
d = (mc - mb) / s
v = 1 / nc + 1 / nb
print("d", repr(d), "fail", repr(two_sided(d, v, 0.25)), "pass", repr(max(llr(d, v, 0.25), llr(-d, v, 0.25))))
