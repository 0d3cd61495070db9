#!/usr/bin/env python3
"""Reference beta quantiles for test_stats.c (beta_quantiles_match_40_digit_values).

Computed with mpmath at 40 significant digits, independently of jb-stats: the
regularised incomplete beta function by its continued fraction (DLMF 8.17.22,
modified Lentz) on the side where it converges, the quantile by Newton's
method to 1e-30.  The probabilities are the doubles jb-stats uses:
(1 - level) / 2 and (1 + level) / 2 rounded.
Run: python3 beta_quantiles.py
"""
import mpmath as mp

mp.mp.dps = 40

SHAPES = [  # a, b, level
    (3.7943498337223978, 83216.541394525775, 0.95),
    (12.613275010173655, 44187.288281529691, 0.9999999505873336),
    (2.0960626990360822, 3468.9933088386742, 0.99999999986909838),
    (2.2206468978659069, 46237.017950351968, 0.99999999176157262),
    (87420.36462572358, 89661.66586533298, 0.95),
    (46237.017950351968, 2.2206468978659069, 0.999),
    (2.5, 7.5, 0.95),
    (20000.5, 3.25, 0.9999999999),
]


def fraction(a, b, x):
    """1 / (1 + d1 / (1 + d2 / ...)) of DLMF 8.17.22, modified Lentz."""
    tiny = mp.mpf("1e-300")
    f, c, d = mp.mpf(1), mp.mpf(1), mp.mpf(0)
    for n in range(1, 1000000):
        if n % 2:
            k = (n - 1) // 2
            term = -(a + k) * (a + b + k) * x / ((a + 2 * k) * (a + 2 * k + 1))
        else:
            k = n // 2
            term = k * (b - k) * x / ((a + 2 * k - 1) * (a + 2 * k))
        d = 1 + term * d
        d = 1 / (d if d != 0 else tiny)
        c = 1 + term / c
        c = c if c != 0 else tiny
        f *= c * d
        if abs(c * d - 1) < mp.mpf("1e-38"):
            return 1 / f
    raise ArithmeticError("continued fraction does not converge")


def cdf(a, b, x, log_beta):
    front = mp.exp(a * mp.log(x) + b * mp.log(1 - x) - log_beta)
    if x < (a + 1) / (a + b + 2):
        return front * fraction(a, b, x) / a
    return 1 - front * fraction(b, a, 1 - x) / b


def quantile(a, b, p):
    log_beta = mp.log(mp.beta(a, b))
    # start from the normal approximation, then bisect to a bracket Newton can finish
    low, high = mp.mpf(0), mp.mpf(1)
    for _ in range(200):
        middle = (low + high) / 2
        if cdf(a, b, middle, log_beta) < p:
            low = middle
        else:
            high = middle
        if high - low < mp.mpf("1e-8") * high:
            break
    q = (low + high) / 2
    for _ in range(50):
        density = mp.exp((a - 1) * mp.log(q) + (b - 1) * mp.log(1 - q) - log_beta)
        step = (cdf(a, b, q, log_beta) - p) / density
        q -= step
        if abs(step) < q * mp.mpf("1e-30"):
            return q
    raise ArithmeticError("Newton did not settle")


for a, b, level in SHAPES:
    low = quantile(mp.mpf(a), mp.mpf(b), mp.mpf((1 - level) / 2))
    high = quantile(mp.mpf(a), mp.mpf(b), mp.mpf((1 + level) / 2))
    print("{ %r, %r, %r, %s, %s }," % (a, b, level, mp.nstr(low, 20), mp.nstr(high, 20)))
