#!/usr/bin/env python3
"""Independent reference values for the Shipgate.Gates.Statistics tests.

Run: /usr/bin/python3 tests/Shipgate.Gates.Tests/Statistics/reference_values.py
Needs numpy and scipy (Debian: apt-get install python3-scipy; produced with scipy 1.10.1, numpy 1.24.2).
Each block prints the values one test class hard-codes; the test names the block.
"""
import numpy as np
from scipy import stats
from scipy.spatial import distance

np.set_printoptions(precision=17)


def show(name, value):
    print(f"{name} = {value!r}")


# --- PSI: the formula of docs/architecture.md ("Gates, in brief") with (n + 0.5) / (N + 0.5 K) smoothing, natural log -----------------
def psi(b, c):
    b = np.asarray(b, float); c = np.asarray(c, float); k = len(b)
    p = (b + 0.5) / (b.sum() + 0.5 * k)
    q = (c + 0.5) / (c.sum() + 0.5 * k)
    return float(np.sum((q - p) * np.log(q / p)))

print("# psi")
show("psi_a", psi([10, 20, 30, 40], [15, 25, 25, 35]))
show("psi_zero_bucket", psi([0, 50, 50], [10, 40, 50]))
show("psi_noise_n200_m300_k5_a0.01", (1 / 200 + 1 / 300) * stats.chi2.ppf(0.99, 4))

# --- Kolmogorov-Smirnov from cumulative counts; p = kstwobign.sf(sqrt(en) * d) ---------------------
print("# ks")
for lam in [0.3, 0.8, 1.0, 1.17, 1.19, 1.5, 2.5, 4.0]:
    show(f"kstwobign_sf({lam})", float(stats.kstwobign.sf(lam)))
b = np.array([10, 20, 30, 40], float); c = np.array([15, 25, 25, 35], float)
d = float(np.max(np.abs(np.cumsum(b) / b.sum() - np.cumsum(c) / c.sum())))
show("ks_a_d", d)
en = b.sum() * c.sum() / (b.sum() + c.sum())
show("ks_a_p", float(stats.kstwobign.sf(np.sqrt(en) * d)))
b2 = np.array([120, 340, 280, 160, 100], float); c2 = np.array([90, 260, 300, 210, 140], float)
d2 = float(np.max(np.abs(np.cumsum(b2) / b2.sum() - np.cumsum(c2) / c2.sum())))
show("ks_b_d", d2)
show("ks_b_p", float(stats.kstwobign.sf(np.sqrt(b2.sum() * c2.sum() / (b2.sum() + c2.sum())) * d2)))

# --- Jensen-Shannon distance, base 2 ------------------------------------------------------------------
print("# js")
show("js_a", float(distance.jensenshannon([10, 20, 30, 40], [15, 25, 25, 35], base=2)))
show("js_disjoint", float(distance.jensenshannon([5, 0], [0, 7], base=2)))
show("js_zero_bucket", float(distance.jensenshannon([0, 50, 50], [10, 40, 50], base=2)))

# --- Wasserstein-1: numeric integral of |F - G| on a fine grid, CDFs linear between finite edges ----
print("# wasserstein")
def w1(edges, b, c):
    edges = np.asarray(edges, float); b = np.asarray(b, float); c = np.asarray(c, float)
    fb = np.cumsum(b) / b.sum(); fc = np.cumsum(c) / c.sum()
    finite = np.isfinite(edges)
    x = np.linspace(edges[finite][0], edges[finite][-1], 2_000_001)
    diff = np.abs(np.interp(x, edges[finite], fb[finite]) - np.interp(x, edges[finite], fc[finite]))
    return float(np.trapz(diff, x))
show("w1_a", w1([0.1, 0.2, 0.5, 1.0, np.inf], [5, 10, 30, 40, 15], [2, 8, 20, 50, 20]))
show("w1_crossing", w1([0, 1, 2, 3], [0, 10, 0, 10], [0, 0, 20, 0]))

# --- Chi-square homogeneity, 2 x K, no continuity correction ------------------------------------------
print("# chi-square")
chi, p, dof, _ = stats.chi2_contingency([[120, 340, 280, 160, 100], [90, 260, 300, 210, 140]], correction=False)
show("chi_b", (float(chi), int(dof), float(p)))
chi, p, dof, _ = stats.chi2_contingency([[10, 20, 30, 40], [15, 25, 25, 35]], correction=False)
show("chi_a", (float(chi), int(dof), float(p)))
chi, p, dof, _ = stats.chi2_contingency([[1000, 1000], [700, 1300]], correction=False)
show("chi_tiny_p", (float(chi), int(dof), float(p)))

# --- Mann-Whitney U, two-sided, asymptotic, continuity correction, tie correction ---------------------
print("# mann-whitney")
def mwu(x, y):
    r = stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method="asymptotic")
    n, m = len(x), len(y)
    z_abs = stats.norm.isf(r.pvalue / 2)
    return float(r.statistic), float(np.sign(r.statistic - n * m / 2) * z_abs), float(r.pvalue)
show("mwu_ties", mwu([1, 2, 2, 3, 3, 3, 4, 5, 6, 7], [2, 3, 4, 4, 5, 5, 6, 7, 8, 9, 9, 10]))
show("mwu_no_ties", mwu([0.31, 0.42, 0.55, 0.61, 0.73, 0.88, 0.95, 1.02], [0.11, 0.19, 0.25, 0.33, 0.47, 0.52, 0.58, 0.69, 0.8]))
rng = np.random.default_rng(7)
xs = np.round(rng.lognormal(0.0, 0.3, 40) * 100, 0); ys = np.round(rng.lognormal(0.15, 0.3, 50) * 100, 0)
print("mwu_lognormal_x =", ", ".join(f"{v:g}" for v in xs))
print("mwu_lognormal_y =", ", ".join(f"{v:g}" for v in ys))
show("mwu_lognormal", mwu(xs, ys))

# --- Fisher exact, one-sided 'greater' on [[xc, nc - xc], [xb, nb - xb]] ------------------------------
print("# fisher")
for xc, nc, xb, nb in [(30, 3000, 15, 3000), (5, 1000, 0, 1000), (0, 100, 0, 100), (600, 60000, 500, 60000), (10, 2000, 30, 2000), (3, 10, 1, 12)]:
    show(f"fisher_greater({xc},{nc},{xb},{nb})", float(stats.fisher_exact([[xc, nc - xc], [xb, nb - xb]], alternative="greater")[1]))

# --- Lan-DeMets alpha spending (AlphaSpendingTests) ----------------------------------------------------
# O'Brien-Fleming type 2 - 2 Phi(z_{1-a/2} / sqrt(t)), as 2 norm.sf(norm.isf(a/2) / sqrt(t)) to avoid
# cancellation at small values; Pocock type a ln(1 + (e-1) t).
print("# alpha spending")
a = 0.01 / 3
for t in [1 / 6, 0.5, 5 / 6, 1.0]:
    show(f"obf({a!r}, {t!r})", float(2 * stats.norm.sf(stats.norm.isf(a / 2) / np.sqrt(t))))
    show(f"pocock({a!r}, {t!r})", float(a * np.log(1 + (np.e - 1) * t)))
ts = np.arange(1, 7) / 6
obf = 2 * stats.norm.sf(stats.norm.isf(a / 2) / np.sqrt(ts))
show("obf_increments_6", np.diff(np.concatenate([[0.0], obf])).tolist())
poc = a * np.log(1 + (np.e - 1) * ts)
show("pocock_increments_6", np.diff(np.concatenate([[0.0], poc])).tolist())
