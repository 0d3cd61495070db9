#include "shrinkage.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <float.h>
#include <math.h>

int stats_beta_prior_moments(const double *x, const double *n, size_t count,
			     struct stats_beta_prior *prior)
{
	double total_x = 0, total_n = 0, sum_n2 = 0, spread = 0, mu, rho, denominator;
	size_t i;

	if (count < 2)
		return -1;
	for (i = 0; i < count; i++) {
		if (!isfinite(x[i]) || !isfinite(n[i]) || n[i] <= 0 || x[i] < 0 || x[i] > n[i])
			return -1;
		total_x += x[i];
		total_n += n[i];
		sum_n2 += n[i] * n[i];
	}
	mu = total_x / total_n;
	if (!(mu > 0 && mu < 1))
		return -1;
	for (i = 0; i < count; i++) {
		double d = x[i] / n[i] - mu;

		spread += n[i] * d * d;
	}
	/* E[spread] = mu (1 - mu) [rho (N - sum n^2 / N) + (1 - rho)(I - 1)] */
	denominator = total_n - sum_n2 / total_n - (double)(count - 1);
	rho = denominator > 0 ?
	      (spread / (mu * (1 - mu)) - (double)(count - 1)) / denominator : STATS_RHO_MAX;
	prior->rho_clipped = !(rho >= STATS_RHO_MIN && rho <= STATS_RHO_MAX);
	if (!(rho >= STATS_RHO_MIN))
		rho = STATS_RHO_MIN;
	if (rho > STATS_RHO_MAX)
		rho = STATS_RHO_MAX;
	prior->rho = rho;
	prior->alpha = mu * (1 / rho - 1);
	prior->beta = (1 - mu) * (1 / rho - 1);
	return 0;
}

/*
 * Continued fraction of the regularised incomplete beta function (DLMF
 * 8.17.22): I_x(a, b) = x^a (1-x)^b / (a B(a, b)) times
 * 1/(1 + d1/(1 + d2/(1 + ...))), converging fast for x < (a + 1) / (a + b + 2).
 * Evaluated by the forward recurrence of its convergents A / B, an even and
 * an odd term at once, with the k-th term's numerator and denominator
 * multiplied by a + k: an equivalent fraction whose terms are polynomials,
 * d_2m (a+2m-1)(a+2m) = m (b-m) x and (1 + d_2m+1)(a+2m)(a+2m+1) = (a+2m)(a+2m+1)
 * - (a+m)(a+b+m) x, so a step divides only once (A and B rescaled before they
 * overflow).  Near the switch point with a + b large, the odd term is a
 * small difference of large numbers: it is computed from y = 1 - x when
 * x > 0.5 (rearranged so that nothing cancels but what must), which keeps
 * the value within about 1e-14 where the plain recurrence lost up to 1e-11.
 * NaN when it does not settle within 2000 terms.
 */
static double beta_fraction(double a, double b, double x, double y)
{
	double s = a + b, a_before = 1, a_now = a + 1, b_before = 1, b_now, value;
	int m, from_y = x > 0.5;

	/* (a + 1)(1 + d1) = (a + 1) - (a + b) x */
	b_now = from_y ? 1 - b + s * y : (a + 1) - s * x;
	value = a_now / b_now;
	for (m = 1; m <= 1000; m++) {
		double even = m * (b - m) * x, next = a + 2 * m + 1;
		/* (1 + d_odd)(a + 2m)(a + 2m + 1) = above - (a + m)(a + b + m) x */
		double odd = from_y ? a * (2 * m + 1 - b) + m * (3 * m + 2 - b) + (a + m) * (s + m) * y :
			     (a + 2 * m) * next - (a + m) * (s + m) * x;
		double a_even = even * a_before, b_even = even * b_before;

		a_before = (next - 1) * a_now + a_even;
		b_before = (next - 1) * b_now + b_even;
		a_now = odd * a_now + next * a_even;
		b_now = odd * b_now + next * b_even;
		if (fabs(b_now) > 1e150) {
			double scale = 1 / b_now;

			a_now *= scale;
			b_before *= scale;
			a_before *= scale;
			b_now = 1;
		}
		if (m % 2 == 0) {
			double previous = value;

			value = a_now / b_now;
			if (fabs(value - previous) <= DBL_EPSILON * fabs(value))
				return value;
		}
	}
	return NAN;
}

/*
 * P(X <= x) - probability for X ~ Beta(a, b), 0 < x < 1, given x^a (1-x)^b
 * / B(a, b): the continued fraction on the side where it converges; on the
 * upper side as (1 - probability) - P(X > x), exact in the upper tail.
 */
static double beta_cdf_error(double x, double a, double b, double prefactor, double probability)
{
	if (x < (a + 1) / (a + b + 2))
		return prefactor * beta_fraction(a, b, x, 1 - x) / a - probability;
	return (1 - probability) - prefactor * beta_fraction(b, a, 1 - x, x) / b;
}

/*
 * Cornish-Fisher start: the quantile z of the standard normal corrected for
 * the skewness and the excess kurtosis of Beta(a, b) (the terms of order
 * 1/sqrt(n) and 1/n); within 5e-4 sd of the quantile for a, b >= 19.
 */
static double beta_quantile_start(double z, double a, double b, double mean, double sd)
{
	double s = a + b, z2 = z * z;
	double skewness = 2 * (b - a) * sqrt(s + 1) / ((s + 2) * sqrt(a * b));
	double kurtosis = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) /
			  (a * b * (s + 2) * (s + 3));
	double w = z + skewness * (z2 - 1) / 6 + kurtosis * z * (z2 - 3) / 24 -
		   skewness * skewness * z * (2 * z2 - 5) / 36;
	double q = mean + sd * w;

	return q > 0 && q < 1 ? q : mean;
}

/*
 * The step from q towards the quantile given the Newton step t = (p - F(q)) /
 * f(q): the Taylor series of the inverse CDF to the fourth power of t, its
 * coefficients from the derivatives g1, g2, g3 of log f at q.  Started
 * within e sd of the quantile it lands within about 10 e^5 sd of it.
 */
static double beta_series_step(double t, double q, double a, double b)
{
	double r = 1 - q, g1 = (a - 1) / q - (b - 1) / r;
	double g2 = -(a - 1) / (q * q) - (b - 1) / (r * r);
	double g3 = 2 * (a - 1) / (q * q * q) - 2 * (b - 1) / (r * r * r);

	return t * (1 + t * (-g1 / 2 + t * ((2 * g1 * g1 - g2) / 6 +
					    t * (7 * g1 * g2 - g3 - 6 * g1 * g1 * g1) / 24)));
}

/*
 * The quantile from the Cornish-Fisher start by steps of beta_series_step
 * (Halley's when the step is large), kept inside a shrinking bracket; -1
 * when it does not settle within 40 steps.  A series step of at most 1e-4
 * sd leaves an error of the order 10 (1e-4)^5 sd, far below double
 * precision, so it ends there: one CDF evaluation for most quantiles.  A
 * bisection step ends only when it moves by at most 1e-14 q; a step that
 * no longer moves q (below its last bit) ends too.
 */
static int beta_quantile_newton(double probability, double z, double a, double b,
				double log_beta, double *quantile)
{
	double mean = a / (a + b), sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
	double low = 0, high = 1, q;
	int i;

	if (a < 2 || b < 2)
		return -1; /* a density unbounded or flat at an edge: leave it to GSL */
	q = beta_quantile_start(z, a, b, mean, sd);
	for (i = 0; i < 40; i++) {
		double log_q = log(q), log_1mq = log1p(-q);
		double prefactor = exp(a * log_q + b * log_1mq - log_beta);
		double error = beta_cdf_error(q, a, b, prefactor, probability);
		double density = prefactor / (q * (1 - q)), next;
		int series = 0;

		if (!isfinite(error))
			return -1;
		if (error < 0)
			low = q;
		else
			high = q;
		next = (low + high) / 2;
		if (density > 0) {
			double step = -error / density;
			/* f'/f and (f'/f)' of the beta density: 1 / scale is where they change */
			double slope = (a - 1) / q - (b - 1) / (1 - q);
			double bend = (a - 1) / (q * q) + (b - 1) / ((1 - q) * (1 - q));
			double scale = 1 / fmax(fabs(slope), sqrt(bend));

			if (fabs(step) <= 0.01 * scale) {
				next = q + beta_series_step(step, q, a, b);
				series = fabs(step) <= 2e-4 * scale;
			} else {
				/* Halley's correction of the Newton step */
				double divisor = 1 + step * slope / 2;

				next = q + (divisor > 0.5 && divisor < 2 ? step / divisor : step);
			}
		}
		if (next != q && !(next > low && next < high)) {
			next = (low + high) / 2;
			series = 0;
		}
		if (series || fabs(next - q) <= 1e-14 * q) {
			*quantile = next;
			return 0;
		}
		q = next;
	}
	return -1;
}

/* Quantile of Beta(a, b) (z the normal quantile of probability): series steps, else gsl_cdf_beta_Pinv, else bisection on the CDF (large a + b). */
static double beta_quantile(double probability, double z, double a, double b, double log_beta)
{
	double q, mean, sd, low, high;
	int i;

	if (beta_quantile_newton(probability, z, a, b, log_beta, &q) == 0)
		return q;
	q = gsl_cdf_beta_Pinv(probability, a, b);
	if (isfinite(q) && q >= 0 && q <= 1)
		return q;
	mean = a / (a + b);
	sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
	low = fmax(0, mean - 40 * sd);
	high = fmin(1, mean + 40 * sd);
	for (i = 0; i < 200 && high - low > 1e-15 * high; i++) {
		double middle = (low + high) / 2;

		if (gsl_cdf_beta_P(middle, a, b) < probability)
			low = middle;
		else
			high = middle;
	}
	return (low + high) / 2;
}

int stats_beta_posterior(double alpha, double beta, double x, double n, double level,
			 double *mean, struct stats_interval *interval)
{
	double a, b, log_beta, z;

	if (!(alpha > 0 && beta > 0 && isfinite(alpha) && isfinite(beta)) || !isfinite(x) ||
	    !isfinite(n) || n < 0 || x < 0 || x > n || !(level > 0 && level < 1))
		return -1;
	a = alpha + x;
	b = beta + n - x;
	*mean = a / (a + b);
	log_beta = gsl_sf_lnbeta(a, b);
	z = gsl_cdf_ugaussian_Pinv((1 + level) / 2);
	interval->low = beta_quantile((1 - level) / 2, -z, a, b, log_beta);
	interval->high = beta_quantile((1 + level) / 2, z, a, b, log_beta);
	if (!isfinite(interval->low) || !isfinite(interval->high) || !isfinite(*mean))
		return -1;
	return 0;
}
