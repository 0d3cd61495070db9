/*
 * Unit tests of stats/: Wilson intervals, funnel limits, z-scores, national
 * value, quartiles, number format and degenerate periods.  Expected values
 * come from published examples (Newcombe 1998) or were computed
 * independently with Python's statistics.NormalDist and plain math at
 * test-writing time (the one-liners are quoted beside them).
 */
#include <check.h>
#include <fcntl.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchmark.h"
#include "benchmark_write.h"
#include "change.h"
#include "composition.h"
#include "funnel.h"
#include "glm.h"
#include "msg.h"
#include "nearest.h"
#include "overdispersion.h"
#include "parallel.h"
#include "poisson.h"
#include "ranks.h"
#include "reference.h"
#include "trend.h"
#include "shrinkage.h"
#include "sort.h"
#include "tidy_csv.h"
#include "wilson.h"
#include "xalloc.h"

#define TOLERANCE 1e-9
/* NormalDist().inv_cdf(0.975), NormalDist().inv_cdf(0.999) */
#define Z95 1.9599639845400536
#define Z998 3.090232306167813

START_TEST(normal_quantiles_of_the_funnel_levels)
{
	double z;

	ck_assert_int_eq(stats_normal_quantile(0.95, &z), 0);
	ck_assert_double_eq_tol(z, Z95, TOLERANCE);
	ck_assert_int_eq(stats_normal_quantile(0.998, &z), 0);
	ck_assert_double_eq_tol(z, Z998, TOLERANCE);
	ck_assert_int_eq(stats_normal_quantile(0, &z), -1);
	ck_assert_int_eq(stats_normal_quantile(1, &z), -1);
	ck_assert_int_eq(stats_normal_quantile(NAN, &z), -1);
}
END_TEST

/* Newcombe (1998), Stat Med 17:857-872, Table I, method 3 (score interval) */
START_TEST(wilson_matches_newcombe_1998)
{
	static const struct {
		double x, n, low, high;
	} examples[] = {
		{ 81, 263, 0.2553, 0.3662 },
		{ 15, 148, 0.0624, 0.1605 },
		{ 0, 20, 0.0, 0.1611 },
		{ 1, 29, 0.0061, 0.1718 },
	};
	struct stats_interval interval;
	size_t i;

	for (i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		ck_assert_int_eq(stats_wilson(examples[i].x, examples[i].n, Z95, &interval), 0);
		ck_assert_double_eq_tol(interval.low, examples[i].low, 0.00005);
		ck_assert_double_eq_tol(interval.high, examples[i].high, 0.00005);
	}
	/* the closed form in full precision (Python, same formula) */
	ck_assert_int_eq(stats_wilson(81, 263, Z95, &interval), 0);
	ck_assert_double_eq_tol(interval.low, 0.2552885198782743, TOLERANCE);
	ck_assert_double_eq_tol(interval.high, 0.3662095769828001, TOLERANCE);
}
END_TEST

START_TEST(wilson_edges_have_closed_forms)
{
	struct stats_interval interval;

	/* x = 0: [0, z^2 / (n + z^2)] */
	ck_assert_int_eq(stats_wilson(0, 20, Z95, &interval), 0);
	ck_assert(interval.low == 0);
	ck_assert_double_eq_tol(interval.high, 0.16112515805281932, TOLERANCE);
	/* x = n: [n / (n + z^2), 1] */
	ck_assert_int_eq(stats_wilson(10, 10, Z95, &interval), 0);
	ck_assert_double_eq_tol(interval.low, 0.7224672001371109, TOLERANCE);
	ck_assert(interval.high == 1);
}
END_TEST

START_TEST(wilson_refuses_what_has_no_interval)
{
	struct stats_interval interval = { -7, -7 };

	ck_assert_int_eq(stats_wilson(0, 0, Z95, &interval), -1);
	ck_assert_int_eq(stats_wilson(5, 4, Z95, &interval), -1);
	ck_assert_int_eq(stats_wilson(-1, 4, Z95, &interval), -1);
	ck_assert_int_eq(stats_wilson(NAN, 4, Z95, &interval), -1);
	ck_assert_int_eq(stats_wilson(1, INFINITY, Z95, &interval), -1);
	ck_assert_int_eq(stats_wilson(1, 4, 0, &interval), -1);
	ck_assert(interval.low == -7 && interval.high == -7);
}
END_TEST

/* 2,000 draws of Binomial(n, p): the 95% interval covers p in 93-97% of them */
START_TEST(wilson_covers_the_truth)
{
	static const struct {
		unsigned n;
		double p;
	} truths[] = { { 200, 0.3 }, { 1000, 0.05 }, { 80, 0.5 } };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct stats_interval interval;
	size_t t, replicate, covered;

	ck_assert_ptr_nonnull(rng);
	gsl_rng_set(rng, 20150101);
	for (t = 0; t < sizeof(truths) / sizeof(truths[0]); t++) {
		covered = 0;
		for (replicate = 0; replicate < 2000; replicate++) {
			unsigned x = gsl_ran_binomial(rng, truths[t].p, truths[t].n);

			ck_assert_int_eq(stats_wilson(x, truths[t].n, Z95, &interval), 0);
			covered += interval.low <= truths[t].p && truths[t].p <= interval.high;
		}
		ck_assert_msg(covered >= 1860 && covered <= 1940,
			      "n=%u p=%g: covered %zu of 2000", truths[t].n, truths[t].p, covered);
	}
	gsl_rng_free(rng);
}
END_TEST

START_TEST(funnel_limits_are_the_closed_form)
{
	struct stats_interval limits;

	/* 0.1 -+ z sqrt(0.09 / 400) */
	ck_assert_int_eq(stats_funnel_limits(0.1, 400, Z95, &limits), 0);
	ck_assert_double_eq_tol(limits.low, 0.0706005402318992, TOLERANCE);
	ck_assert_double_eq_tol(limits.high, 0.1293994597681008, TOLERANCE);
	/* a small denominator: the lower limit is clipped to 0 */
	ck_assert_int_eq(stats_funnel_limits(0.1, 10, Z998, &limits), 0);
	ck_assert(limits.low == 0);
	ck_assert_double_eq_tol(limits.high, 0.39316517759575265, TOLERANCE);
	/* and the upper to 1 */
	ck_assert_int_eq(stats_funnel_limits(0.9, 2, Z998, &limits), 0);
	ck_assert(limits.high == 1);
	/* no binomial variance, no funnel */
	ck_assert_int_eq(stats_funnel_limits(0, 100, Z95, &limits), -1);
	ck_assert_int_eq(stats_funnel_limits(1, 100, Z95, &limits), -1);
	ck_assert_int_eq(stats_funnel_limits(0.1, 0, Z95, &limits), -1);
	ck_assert_int_eq(stats_funnel_limits(NAN, 10, Z95, &limits), -1);
}
END_TEST

START_TEST(z_scores_and_flags)
{
	struct stats_interval limits = { 0.07, 0.13 };
	double z;

	/* (0.2 - 0.1) / sqrt(0.09 / 100) = 10/3 */
	ck_assert_int_eq(stats_z_score(0.2, 0.1, 100, &z), 0);
	ck_assert_double_eq_tol(z, 10.0 / 3.0, TOLERANCE);
	ck_assert_int_eq(stats_z_score(0.1, 0.1, 100, &z), 0);
	ck_assert(z == 0);
	ck_assert_int_eq(stats_z_score(0.2, 0, 100, &z), -1);
	ck_assert_int_eq(stats_z_score(0.2, 0.1, 0, &z), -1);
	ck_assert_int_eq(stats_funnel_flag(0.2, &limits), STATS_FLAG_ABOVE);
	ck_assert_int_eq(stats_funnel_flag(0.01, &limits), STATS_FLAG_BELOW);
	ck_assert_int_eq(stats_funnel_flag(0.13, &limits), STATS_FLAG_WITHIN);
	ck_assert_int_eq(stats_funnel_flag(0.07, &limits), STATS_FLAG_WITHIN);
	ck_assert_str_eq(stats_flag_name(STATS_FLAG_ABOVE), "above");
	ck_assert_str_eq(stats_flag_name(STATS_FLAG_NONE), "");
}
END_TEST

START_TEST(pooled_national_proportion)
{
	const double numerators[] = { 1, 2, 3 }, denominators[] = { 10, 20, 70 };
	const double zeros[] = { 0, 0 }, negative[] = { -1, 2 };
	double p0 = -1;

	ck_assert_int_eq(stats_pooled_proportion(numerators, denominators, 3, &p0), 0);
	ck_assert_double_eq_tol(p0, 0.06, TOLERANCE);
	ck_assert_int_eq(stats_pooled_proportion(zeros, zeros, 2, &p0), -1);
	ck_assert_int_eq(stats_pooled_proportion(numerators, denominators, 0, &p0), -1);
	ck_assert_int_eq(stats_pooled_proportion(negative, denominators, 2, &p0), -1);
}
END_TEST

START_TEST(quartiles_by_hand)
{
	/* sorted 1 2 3 4: positions 0.75, 1.5, 2.25 -> 1.75, 2.5, 3.25 */
	double values[] = { 4, 1, 3, 2 }, single[] = { 5 }, same[] = { 2, 2, 2 };
	double broken[] = { 1, NAN };
	struct stats_quartiles quartiles;

	ck_assert_int_eq(stats_quartiles(values, 4, &quartiles), 0);
	ck_assert_double_eq_tol(quartiles.q1, 1.75, TOLERANCE);
	ck_assert_double_eq_tol(quartiles.median, 2.5, TOLERANCE);
	ck_assert_double_eq_tol(quartiles.q3, 3.25, TOLERANCE);
	ck_assert_int_eq(stats_quartiles(single, 1, &quartiles), 0);
	ck_assert(quartiles.q1 == 5 && quartiles.median == 5 && quartiles.q3 == 5);
	ck_assert_int_eq(stats_quartiles(same, 3, &quartiles), 0);
	ck_assert(quartiles.q1 == 2 && quartiles.q3 == 2);
	ck_assert_int_eq(stats_quartiles(values, 0, &quartiles), -1);
	ck_assert_int_eq(stats_quartiles(broken, 2, &quartiles), -1);
}
END_TEST

START_TEST(numbers_have_at_most_six_decimals)
{
	char text[64];

	ck_assert_int_eq(stats_format_number(12.5, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "12.5");
	ck_assert_int_eq(stats_format_number(1.0 / 3.0, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "0.333333");
	ck_assert_int_eq(stats_format_number(40, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "40");
	ck_assert_int_eq(stats_format_number(-1e-7, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "0");
	ck_assert_int_eq(stats_format_number(-2.25, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "-2.25");
	ck_assert_int_eq(stats_format_number(NAN, text, sizeof(text)), -1);
	ck_assert_int_eq(stats_format_number(INFINITY, text, sizeof(text)), -1);
}
END_TEST

/* The fast formatter agrees with printf's correctly rounded %.6f on random values */
START_TEST(fast_number_format_matches_printf)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	char text[64], expected[64];
	int i, len;

	gsl_rng_set(rng, 3);
	for (i = 0; i < 40000; i++) {
		double scale = pow(10, (int)gsl_rng_uniform_int(rng, 12) - 6);
		double value = (gsl_rng_uniform(rng) - 0.3) * scale;

		if (i % 4 == 0) /* halves of the last digit, exactly and nearly */
			value = (double)gsl_rng_uniform_int(rng, 1000000) / 1e6 + 5e-7;
		len = snprintf(expected, sizeof(expected), "%.6f", value);
		while (len > 0 && expected[len - 1] == '0')
			expected[--len] = '\0';
		if (len > 0 && expected[len - 1] == '.')
			expected[--len] = '\0';
		if (strcmp(expected, "-0") == 0)
			strcpy(expected, "0");
		ck_assert_int_eq(stats_format_number(value, text, sizeof(text)), 0);
		ck_assert_msg(strcmp(text, expected) == 0, "%.17g: %s, printf %s", value, text,
			      expected);
	}
	/* every number of decimals of the fast path */
	for (stats_decimals = 0; stats_decimals <= 9; stats_decimals++)
		for (i = 0; i < 4000; i++) {
			double value = (gsl_rng_uniform(rng) - 0.3) *
				       pow(10, (int)gsl_rng_uniform_int(rng, 10) - 4);

			len = snprintf(expected, sizeof(expected), "%.*f", stats_decimals, value);
			while (stats_decimals > 0 && len > 0 && expected[len - 1] == '0')
				expected[--len] = '\0';
			if (stats_decimals > 0 && len > 0 && expected[len - 1] == '.')
				expected[--len] = '\0';
			if (strcmp(expected, "-0") == 0)
				strcpy(expected, "0");
			ck_assert_int_eq(stats_format_number(value, text, sizeof(text)), 0);
			ck_assert_msg(strcmp(text, expected) == 0, "%d decimals, %.17g: %s, printf %s",
				      stats_decimals, value, text, expected);
		}
	stats_decimals = 0;
	ck_assert_int_eq(stats_format_number(40, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "40");
	ck_assert_int_eq(stats_format_number(2.5, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "2");
	stats_decimals = 6;
	gsl_rng_free(rng);
}
END_TEST

/*
 * Garwood intervals: the classic table values (0 -> 0-3.689, 1 -> 0.0253-5.572,
 * 10 -> 4.795-18.39), in full precision by bisection on the Poisson
 * distribution function in Python: P(X >= x | low) = P(X <= x | high) = 0.025.
 */
START_TEST(garwood_matches_the_poisson_tail_sums)
{
	static const struct {
		double x, low, high;
	} examples[] = {
		{ 0, 0, 3.6888794541139367 },
		{ 1, 0.025317807984289842, 5.571643390938899 },
		{ 10, 4.795388696132427, 18.39035604201778 },
		{ 100, 81.36399125092325, 121.62679379242638 },
	};
	struct stats_interval interval;
	size_t i;

	for (i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		ck_assert_int_eq(stats_garwood(examples[i].x, 0.95, &interval), 0);
		ck_assert_double_eq_tol(interval.low, examples[i].low, 1e-7);
		ck_assert_double_eq_tol(interval.high, examples[i].high, 1e-7);
	}
	ck_assert(stats_garwood(0, 0.95, &interval) == 0 && interval.low == 0);
	ck_assert_int_eq(stats_garwood(-1, 0.95, &interval), -1);
	ck_assert_int_eq(stats_garwood(2.5, 0.95, &interval), -1);
	ck_assert_int_eq(stats_garwood(NAN, 0.95, &interval), -1);
	ck_assert_int_eq(stats_garwood(3, 1, &interval), -1);
}
END_TEST

/*
 * Spiegelhalter (2005) by hand (Python at test-writing time): winsorise at the
 * type-7 10% and 90% quantiles (-1.2, 2.65), phi = mean of squares, tau^2 =
 * (I phi - (I - 1)) / (sum w - sum w^2 / sum w) with w = n / (p0 (1 - p0)).
 */
START_TEST(overdispersion_by_hand)
{
	const double z[] = { -3, -1, -0.5, 0, 0.2, 0.4, 1, 1.5, 2.5, 4 };
	const double calm[] = { -0.5, 0.3, 0.1, -0.2 }, calm_s2[] = { 1, 1, 1, 1 };
	double s2[10];
	struct stats_overdispersion result;
	size_t i;

	for (i = 0; i < 10; i++)
		s2[i] = 0.2 * 0.8 / (100.0 * (double)(i + 1));
	ck_assert_int_eq(stats_overdispersion(z, s2, 10, 0.1, &result), 0);
	ck_assert_double_eq_tol(result.phi, 1.94125, TOLERANCE);
	ck_assert_double_eq_tol(result.tau2, 0.00034708333333333336, 1e-12);
	/* less spread than chance: phi < 1, tau^2 = 0 */
	ck_assert_int_eq(stats_overdispersion(calm, calm_s2, 4, 0.1, &result), 0);
	ck_assert_double_eq_tol(result.phi, 0.068925, TOLERANCE);
	ck_assert(result.tau2 == 0);
	ck_assert_int_eq(stats_overdispersion(z, s2, 1, 0.1, &result), -1);
	s2[3] = 0;
	ck_assert_int_eq(stats_overdispersion(z, s2, 10, 0.1, &result), -1);
}
END_TEST

/* Newcombe (1998), Stat Med 17:873-890, Table II, method 10 (hybrid score) */
START_TEST(change_matches_newcombe_1998_method_10)
{
	static const struct {
		double x1, n1, x0, n0, low, high;
	} examples[] = {
		{ 56, 70, 48, 80, 0.0524, 0.3339 },
		{ 9, 10, 3, 10, 0.1705, 0.8090 },
		{ 6, 7, 2, 7, 0.0582, 0.8062 },
		{ 5, 56, 0, 29, -0.0381, 0.1926 },
	};
	struct stats_interval interval;
	double difference;
	size_t i;

	for (i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		ck_assert_int_eq(stats_change(examples[i].x1, examples[i].n1, examples[i].x0,
					      examples[i].n0, Z95, &difference, &interval), 0);
		ck_assert_double_eq_tol(difference, examples[i].x1 / examples[i].n1 -
					examples[i].x0 / examples[i].n0, TOLERANCE);
		ck_assert_double_eq_tol(interval.low, examples[i].low, 0.00005);
		ck_assert_double_eq_tol(interval.high, examples[i].high, 0.00005);
	}
	ck_assert_int_eq(stats_change_flag(&interval), STATS_CHANGE_SAME);
	ck_assert_int_eq(stats_change(9, 10, 3, 10, Z95, &difference, &interval), 0);
	ck_assert_int_eq(stats_change_flag(&interval), STATS_CHANGE_UP);
	ck_assert_int_eq(stats_change(3, 10, 9, 10, Z95, &difference, &interval), 0);
	ck_assert_int_eq(stats_change_flag(&interval), STATS_CHANGE_DOWN);
	ck_assert_str_eq(stats_change_flag_name(STATS_CHANGE_DOWN), "down");
	ck_assert_int_eq(stats_change(1, 0, 1, 2, Z95, &difference, &interval), -1);
}
END_TEST


/* Beta(1 + 0, 1 + 1 - 0) = Beta(1, 2): F(q) = 1 - (1 - q)^2, so q(u) = 1 - sqrt(1 - u) */
START_TEST(beta_posterior_is_the_closed_form)
{
	struct stats_interval interval;
	double mean;

	ck_assert_int_eq(stats_beta_posterior(1, 1, 0, 1, 0.95, &mean, &interval), 0);
	ck_assert_double_eq_tol(mean, 1.0 / 3, TOLERANCE);
	ck_assert_double_eq_tol(interval.low, 1 - sqrt(0.975), TOLERANCE);
	ck_assert_double_eq_tol(interval.high, 1 - sqrt(0.025), TOLERANCE);
	/* prior Beta(2, 3), x = 5 of n = 5: Beta(7, 3), mean 7/10 */
	ck_assert_int_eq(stats_beta_posterior(2, 3, 5, 5, 0.95, &mean, &interval), 0);
	ck_assert_double_eq_tol(mean, 0.7, TOLERANCE);
	/* Beta(a, 1): F(q) = q^a, so q(u) = u^(1/a); prior Beta(3, 1), x = 0, n = 0 */
	ck_assert_int_eq(stats_beta_posterior(3, 1, 0, 0, 0.9, &mean, &interval), 0);
	ck_assert_double_eq_tol(interval.low, pow(0.05, 1.0 / 3), TOLERANCE);
	ck_assert_double_eq_tol(interval.high, pow(0.95, 1.0 / 3), TOLERANCE);
	/* a + b in the millions: GSL's inverse fails, the bisection holds; normal approximation */
	ck_assert_int_eq(stats_beta_posterior(1e5, 9e5, 30, 200, 0.95, &mean, &interval), 0);
	ck_assert_double_eq_tol(mean, 100030.0 / 1000200, TOLERANCE);
	ck_assert_double_eq_tol(interval.low, mean - Z95 * sqrt(mean * (1 - mean) / 1000201), 1e-6);
	ck_assert_double_eq_tol(interval.high, mean + Z95 * sqrt(mean * (1 - mean) / 1000201), 1e-6);
	/* moderate parameters take the Newton path: GSL's own inverse is the reference */
	ck_assert_int_eq(stats_beta_posterior(20, 180, 37, 412, 0.95, &mean, &interval), 0);
	ck_assert_double_eq_tol(interval.low, gsl_cdf_beta_Pinv(0.025, 57, 555), 1e-12);
	ck_assert_double_eq_tol(interval.high, gsl_cdf_beta_Pinv(0.975, 57, 555), 1e-12);
	ck_assert_int_eq(stats_beta_posterior(0, 1, 0, 1, 0.95, &mean, &interval), -1);
	ck_assert_int_eq(stats_beta_posterior(1, 1, 2, 1, 0.95, &mean, &interval), -1);
}
END_TEST

/* Moments by hand: x = 10/100, 30/100 -> mu 0.2, spread 100(0.01 + 0.01) = 2 */
START_TEST(beta_prior_moments_by_hand)
{
	const double x[] = { 10, 30 }, n[] = { 100, 100 };
	const double x_flat[] = { 10, 20 }, n_flat[] = { 100, 200 };
	struct stats_beta_prior prior;
	/* rho = (2 / 0.16 - 1) / (200 - 20000 / 200 - 1) = 11.5 / 99 */
	double rho = 11.5 / 99;

	ck_assert_int_eq(stats_beta_prior_moments(x, n, 2, &prior), 0);
	ck_assert_double_eq_tol(prior.rho, rho, TOLERANCE);
	ck_assert_double_eq_tol(prior.alpha, 0.2 * (1 / rho - 1), TOLERANCE);
	ck_assert_double_eq_tol(prior.beta, 0.8 * (1 / rho - 1), TOLERANCE);
	ck_assert_int_eq(prior.rho_clipped, 0);
	/* identical proportions: no spread, rho clipped to its minimum */
	ck_assert_int_eq(stats_beta_prior_moments(x_flat, n_flat, 2, &prior), 0);
	ck_assert_int_eq(prior.rho_clipped, 1);
	ck_assert_double_eq_tol(prior.rho, STATS_RHO_MIN, 1e-15);
	ck_assert_double_eq_tol(prior.alpha / (prior.alpha + prior.beta), 0.1, TOLERANCE);
	ck_assert_int_eq(stats_beta_prior_moments(x, n, 1, &prior), -1);
}
END_TEST

/* Known truth: p_i ~ Beta(20, 180), x_i ~ Bin(n_i, p_i); shrinkage lowers the error */
START_TEST(shrinkage_beats_raw_rates_on_simulated_truth)
{
	enum { COUNT = 400 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[COUNT], n[COUNT], p[COUNT], raw = 0, shrunk = 0;
	struct stats_beta_prior prior;
	size_t i, covered = 0;

	gsl_rng_set(rng, 7);
	for (i = 0; i < COUNT; i++) {
		n[i] = 30 + floor(gsl_rng_uniform(rng) * 2000);
		p[i] = gsl_ran_beta(rng, 20, 180);
		x[i] = gsl_ran_binomial(rng, p[i], (unsigned)n[i]);
	}
	ck_assert_int_eq(stats_beta_prior_moments(x, n, COUNT, &prior), 0);
	ck_assert_double_eq_tol(prior.alpha / (prior.alpha + prior.beta), 0.1, 0.005);
	/* the true rho is 1/201; its moment estimate within a factor 2 */
	ck_assert(prior.rho > 0.5 / 201 && prior.rho < 2.0 / 201);
	for (i = 0; i < COUNT; i++) {
		struct stats_interval interval;
		double mean;

		ck_assert_int_eq(stats_beta_posterior(prior.alpha, prior.beta, x[i], n[i], 0.95,
						      &mean, &interval), 0);
		raw += (x[i] / n[i] - p[i]) * (x[i] / n[i] - p[i]);
		shrunk += (mean - p[i]) * (mean - p[i]);
		covered += interval.low <= p[i] && p[i] <= interval.high;
	}
	ck_assert_msg(shrunk < 0.8 * raw, "EB MSE %g, raw MSE %g", shrunk / COUNT, raw / COUNT);
	ck_assert_msg(covered >= 0.92 * COUNT, "coverage %zu of %d", covered, COUNT);
	gsl_rng_free(rng);
}
END_TEST


struct indexed_value {
	double value;
	size_t index;
};

static int compare_ascending(const void *left, const void *right)
{
	double a = *(const double *)left, b = *(const double *)right;

	return (a > b) - (a < b);
}

static int compare_value_descending(const void *left, const void *right)
{
	const struct indexed_value *a = left, *b = right;

	if (a->value != b->value)
		return a->value < b->value ? 1 : -1;
	return (a->index > b->index) - (a->index < b->index);
}

/* The radix sorts give what qsort gives, with ties, negatives, -0 and both sides of the small-array cut-off. */
START_TEST(sorts_match_a_comparison_sort)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 47, 48, 49, 1000, 17000 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	size_t s, i;
	int kind;

	gsl_rng_set(rng, 5);
	for (kind = 0; kind < 4; kind++)
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			size_t count = sizes[s];
			double *values = jb_xcalloc(count + 1, sizeof(*values));
			double *sorted = jb_xcalloc(count + 1, sizeof(*sorted));
			size_t *order = jb_xcalloc(count + 1, sizeof(*order));
			struct indexed_value *expected = jb_xcalloc(count + 1, sizeof(*expected));

			for (i = 0; i < count; i++) {
				double u = gsl_rng_uniform(rng);

				/* rates, few distinct values (ties), z-scores, extremes and zeros of both signs */
				values[i] = kind == 0 ? 100 * u : kind == 1 ? floor(u * 7) :
					    kind == 2 ? (u - 0.5) * 8 :
					    (i % 5 == 0 ? -0.0 : i % 5 == 1 ? 0.0 :
					     i % 5 == 2 ? -1e300 * u : i % 5 == 3 ? 1e-300 * u : -u);
				sorted[i] = values[i];
				expected[i].value = values[i];
				expected[i].index = i;
			}
			stats_sort_values(sorted, count);
			qsort(values, count, sizeof(*values), compare_ascending);
			for (i = 0; i < count; i++)
				ck_assert_msg(sorted[i] == values[i], "kind %d size %zu: %g at %zu, want %g",
					      kind, count, sorted[i], i, values[i]);
			for (i = 0; i < count; i++)
				values[i] = expected[i].value;
			stats_order_descending(values, count, order);
			qsort(expected, count, sizeof(*expected), compare_value_descending);
			for (i = 0; i < count; i++)
				ck_assert_msg(order[i] == expected[i].index,
					      "kind %d size %zu: index %zu at %zu, want %zu", kind, count,
					      order[i], i, expected[i].index);
			free(values);
			free(sorted);
			free(order);
			free(expected);
		}
	gsl_rng_free(rng);
}
END_TEST

START_TEST(ranks_by_hand_with_ties)
{
	const double values[] = { 5, 9, 5, 1, 9 };
	double ranks[5];

	stats_rank_values(values, 5, ranks);
	ck_assert_double_eq(ranks[1], 1);
	ck_assert_double_eq(ranks[4], 1);
	ck_assert_double_eq(ranks[0], 3);
	ck_assert_double_eq(ranks[2], 3);
	ck_assert_double_eq(ranks[3], 5);
}
END_TEST

/* Clear-cut: posteriors far apart give exact ranks; equal ones spread over all ranks */
START_TEST(rank_intervals_clear_cut_and_reproducible)
{
	/* proportions 0.5, 0.1, 0.3 with n = 10^5: the ranks are 1, 3, 2 every time */
	const double a[] = { 50000, 10000, 30000 }, b[] = { 50000, 90000, 70000 };
	const double same_a[] = { 10, 10, 10, 10 }, same_b[] = { 90, 90, 90, 90 };
	double low[4], high[4], low2[4], high2[4];
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(rng, stats_rank_seed(42, "hulp", "2021JJ00"));
	ck_assert_int_eq(stats_rank_intervals(a, b, 3, 200, 0.95, rng, low, high), 0);
	ck_assert_double_eq(low[0], 1);
	ck_assert_double_eq(high[0], 1);
	ck_assert_double_eq(low[1], 3);
	ck_assert_double_eq(high[1], 3);
	ck_assert_double_eq(low[2], 2);
	ck_assert_double_eq(high[2], 2);
	/* exchangeable units: each rank 1..4 has chance 1/4, so the 95% interval is [1, 4] */
	ck_assert_int_eq(stats_rank_intervals(same_a, same_b, 4, 1000, 0.95, rng, low, high), 0);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_double_eq(low[i], 1);
		ck_assert_double_eq(high[i], 4);
	}
	/* the same seed gives the same intervals */
	gsl_rng_set(rng, 99);
	ck_assert_int_eq(stats_rank_intervals(same_a, same_b, 4, 50, 0.5, rng, low, high), 0);
	gsl_rng_set(rng, 99);
	ck_assert_int_eq(stats_rank_intervals(same_a, same_b, 4, 50, 0.5, rng, low2, high2), 0);
	ck_assert_mem_eq(low, low2, sizeof(low));
	ck_assert_mem_eq(high, high2, sizeof(high));
	ck_assert_int_ne(stats_rank_seed(42, "hulp", "2021JJ00"),
			 stats_rank_seed(42, "hulp", "2022JJ00"));
	ck_assert_int_eq(stats_rank_intervals(a, b, 3, 0, 0.95, rng, low, high), -1);
	gsl_rng_free(rng);
}
END_TEST


/* Closed-form least squares by hand (unit variances: ordinary least squares) */
START_TEST(trend_by_hand)
{
	const double years[] = { 0, 1, 2 }, close[] = { 1, 2, 4 }, spread[] = { 0, 3, 2 };
	const double unit[] = { 1, 1, 1 }, weighted[] = { 1, 0.25, 1 };
	struct stats_trend trend;

	/* slope = sum (t - 1)(y - 7/3) / 2 = 1.5; chi^2 = 1/6 < 1: se = sqrt(1/2) */
	ck_assert_int_eq(stats_trend(years, close, unit, 3, Z95, &trend), 0);
	ck_assert_double_eq_tol(trend.slope, 1.5, TOLERANCE);
	ck_assert_double_eq_tol(trend.low, 1.5 - Z95 * sqrt(0.5), TOLERANCE);
	ck_assert_double_eq_tol(trend.dispersion, 1, TOLERANCE);
	ck_assert_int_eq(trend.flag, STATS_TREND_UP);
	/* weights 1, 4, 1: weighted means 1 and 13/6, slope (7/6 + 11/6) / 2 = 1.5, cov11 1/2 */
	ck_assert_int_eq(stats_trend(years, close, weighted, 3, Z95, &trend), 0);
	ck_assert_double_eq_tol(trend.slope, 1.5, TOLERANCE);
	ck_assert_double_eq_tol(trend.high, 1.5 + Z95 * sqrt(0.5), TOLERANCE);
	/* 0, 3, 2: slope 1, residuals -2/3, 4/3, -2/3, chi^2 = 8/3 on 1 df: se = sqrt(1/2 8/3) */
	ck_assert_int_eq(stats_trend(years, spread, unit, 3, Z95, &trend), 0);
	ck_assert_double_eq_tol(trend.slope, 1, TOLERANCE);
	ck_assert_double_eq_tol(trend.dispersion, 8.0 / 3, TOLERANCE);
	ck_assert_double_eq_tol(trend.low, 1 - Z95 * sqrt(4.0 / 3), TOLERANCE);
	ck_assert_int_eq(trend.flag, STATS_TREND_FLAT);
	ck_assert_str_eq(stats_trend_flag_name(trend.flag), "flat");
	/* two points: the line through them */
	ck_assert_int_eq(stats_trend(years, spread, unit, 2, Z95, &trend), 0);
	ck_assert_double_eq_tol(trend.slope, 3, TOLERANCE);
	ck_assert_int_eq(stats_trend(years, spread, unit, 1, Z95, &trend), -1);
	ck_assert_int_eq(stats_trend(unit, spread, unit, 3, Z95, &trend), -1);
}
END_TEST

/* Known slope: p_t = 0.10 + 0.005 t over 10 years, n = 2000: 0.5 percentage points a year */
START_TEST(trend_recovers_a_known_slope)
{
	enum { YEARS = 10, REPLICATES = 400 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double years[YEARS], values[YEARS], variances[YEARS], total = 0;
	size_t r, t, covered = 0;
	struct stats_trend trend;

	gsl_rng_set(rng, 11);
	for (r = 0; r < REPLICATES; r++) {
		for (t = 0; t < YEARS; t++) {
			double p = 0.10 + 0.005 * (double)t;
			double x = gsl_ran_binomial(rng, p, 2000), q = x / 2000;

			years[t] = 2015 + (double)t;
			values[t] = 100 * q;
			variances[t] = 100 * 100 * q * (1 - q) / 2000;
		}
		ck_assert_int_eq(stats_trend(years, values, variances, YEARS, Z95, &trend), 0);
		total += trend.slope;
		covered += trend.low <= 0.5 && 0.5 <= trend.high;
	}
	ck_assert_double_eq_tol(total / REPLICATES, 0.5, 0.01);
	ck_assert_msg(covered >= 0.92 * REPLICATES, "coverage %zu of %d", covered, REPLICATES);
	gsl_rng_free(rng);
}
END_TEST


/*
 * Four points on a line, already standardised by hand: (0, 0), (1, 0), (3, 0), (0, 2).
 * Distances from (0,0): 1, 3, 2; from (1,0): 1, 2, sqrt(5); from (3,0): 3, 2, sqrt(13);
 * from (0,2): 2, sqrt(5), sqrt(13).
 */
START_TEST(nearest_neighbours_by_hand)
{
	const double points[] = { 0, 0, 1, 0, 3, 0, 0, 2 };
	double distance[8], column[] = { 1, 2, 3 };
	size_t nearest[8];

	ck_assert_uint_eq(stats_nearest(points, 4, 2, 2, nearest, distance), 2);
	ck_assert_uint_eq(nearest[0], 1);
	ck_assert_uint_eq(nearest[1], 3);
	ck_assert_double_eq_tol(distance[1], 2, TOLERANCE);
	ck_assert_uint_eq(nearest[2], 0);
	ck_assert_uint_eq(nearest[3], 2);
	ck_assert_double_eq_tol(distance[3], 2, TOLERANCE);
	ck_assert_uint_eq(nearest[4], 1);
	ck_assert_uint_eq(nearest[5], 0);
	ck_assert_uint_eq(nearest[6], 0);
	ck_assert_uint_eq(nearest[7], 1);
	ck_assert_double_eq_tol(distance[7], sqrt(5), TOLERANCE);
	/* k above count - 1 gives every other row */
	ck_assert_uint_eq(stats_nearest(points, 2, 2, 5, nearest, distance), 1);
	ck_assert_uint_eq(stats_nearest(points, 1, 2, 5, nearest, distance), 0);
	/* 1, 2, 3: mean 2, sample sd 1 */
	ck_assert_int_eq(stats_standardise(column, 3, 1), 0);
	ck_assert_double_eq_tol(column[0], -1, TOLERANCE);
	ck_assert_double_eq_tol(column[2], 1, TOLERANCE);
	ck_assert_int_eq(stats_standardise(column, 1, 1), -1);
}
END_TEST


/* One binary covariate: the logit MLE is the log-odds of the two groups (saturated model) */
START_TEST(glm_binary_covariate_is_the_log_odds)
{
	/* group 0: 30 of 200 and 10 of 100 (pooled 40/300); group 1: 60 of 150 */
	const double x[] = { 30, 10, 60 }, n[] = { 200, 100, 150 };
	const double design[] = { 1, 0, 1, 0, 1, 1 };
	struct stats_glm fit;
	double p0 = 40.0 / 300, p1 = 60.0 / 150;

	ck_assert_int_eq(stats_glm_logit(x, n, design, 3, 2, &fit), STATS_GLM_OK);
	ck_assert_double_eq_tol(fit.coefficients[0], log(p0 / (1 - p0)), 1e-8);
	ck_assert_double_eq_tol(fit.coefficients[1], log(p1 / (1 - p1)) - log(p0 / (1 - p0)), 1e-8);
	/* se of a log-odds: sqrt(1/a + 1/b) for a events and b non-events */
	ck_assert_double_eq_tol(fit.se[0], sqrt(1.0 / 40 + 1.0 / 260), 1e-8);
	ck_assert_double_eq_tol(fit.se[1], sqrt(1.0 / 40 + 1.0 / 260 + 1.0 / 60 + 1.0 / 90), 1e-8);
	ck_assert_double_eq_tol(fit.fitted[2], p1, 1e-10);
	/* deviance of group 0: 2 sum x log(x / (n p0)) + (n - x) log((n - x) / (n (1 - p0))) */
	ck_assert_double_eq_tol(fit.deviance,
				2 * (30 * log(30 / (200 * p0)) + 170 * log(170 / (200 * (1 - p0))) +
				     10 * log(10 / (100 * p0)) + 90 * log(90 / (100 * (1 - p0)))),
				1e-8);
	stats_glm_free(&fit);
}
END_TEST

/* Known coefficients: logit p = -2 + 0.5 z1 - 0.3 z2, 400 municipalities */
START_TEST(glm_recovers_known_coefficients)
{
	enum { COUNT = 400, TERMS = 3 };
	const double truth[TERMS] = { -2, 0.5, -0.3 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[COUNT], n[COUNT], design[COUNT * TERMS];
	struct stats_glm fit;
	size_t i, j;

	gsl_rng_set(rng, 5);
	for (i = 0; i < COUNT; i++) {
		double eta = 0;

		design[i * TERMS] = 1;
		design[i * TERMS + 1] = gsl_ran_gaussian(rng, 1);
		design[i * TERMS + 2] = gsl_ran_gaussian(rng, 1);
		for (j = 0; j < TERMS; j++)
			eta += truth[j] * design[i * TERMS + j];
		n[i] = 200 + floor(gsl_rng_uniform(rng) * 3000);
		x[i] = gsl_ran_binomial(rng, 1 / (1 + exp(-eta)), (unsigned)n[i]);
	}
	ck_assert_int_eq(stats_glm_logit(x, n, design, COUNT, TERMS, &fit), STATS_GLM_OK);
	for (j = 0; j < TERMS; j++)
		ck_assert_msg(fabs(fit.coefficients[j] - truth[j]) < 3 * fit.se[j],
			      "term %zu: %g, se %g, truth %g", j, fit.coefficients[j], fit.se[j],
			      truth[j]);
	/* no over-dispersion in the simulation: Pearson dispersion near 1 */
	ck_assert_double_eq_tol(fit.dispersion, 1, 0.25);
	ck_assert(fit.iterations < 20);
	stats_glm_free(&fit);
	gsl_rng_free(rng);
}
END_TEST

START_TEST(glm_degenerate_input)
{
	const double x[] = { 3, 5, 7 }, n[] = { 10, 10, 10 };
	const double constant[] = { 1, 2, 1, 2, 1, 2 }; /* second column = 2 x intercept */
	const double intercept[] = { 1, 1, 1 };
	struct stats_glm fit;

	ck_assert_int_eq(stats_glm_logit(x, n, constant, 3, 2, &fit), STATS_GLM_SINGULAR);
	ck_assert_ptr_null(fit.coefficients);
	/* one municipality, intercept only: the fit is its own proportion */
	ck_assert_int_eq(stats_glm_logit(x, n, intercept, 1, 1, &fit), STATS_GLM_OK);
	ck_assert_double_eq_tol(fit.fitted[0], 0.3, 1e-10);
	ck_assert_double_eq_tol(fit.dispersion, 1, TOLERANCE);
	stats_glm_free(&fit);
	ck_assert_int_eq(stats_glm_logit(x, n, intercept, 0, 1, &fit), STATS_GLM_BAD_INPUT);
	ck_assert_int_eq(stats_glm_logit(n, x, intercept, 3, 1, &fit), STATS_GLM_BAD_INPUT);
}
END_TEST

/* A period of units built in memory: counts given, everything else computed. */
static void add_unit(struct stats_indicator *indicator, const char *code, double numerator,
		     int numerator_known, double denominator, int denominator_known)
{
	struct stats_unit *unit;

	jb_grow((void **)&indicator->units, &indicator->unit_capacity, indicator->unit_count + 1,
		sizeof(*indicator->units));
	unit = &indicator->units[indicator->unit_count++];
	memset(unit, 0, sizeof(*unit));
	unit->region_code = jb_xstrdup(code);
	unit->region_name = jb_xstrdup(code);
	unit->period = jb_xstrdup("2021JJ00");
	unit->period_status = jb_xstrdup("definitief");
	unit->numerator.value = numerator;
	unit->numerator.known = numerator_known;
	unit->denominator.value = denominator;
	unit->denominator.known = denominator_known;
}

static const struct stats_settings settings = {
	.confidence = 0.95, .z_confidence = Z95, .funnel_level = { 0.95, 0.998 },
	.z_funnel = { Z95, Z998 }, .seed = 42, .simulations = 200
};

static void start_indicator(struct stats_indicator *indicator)
{
	memset(indicator, 0, sizeof(*indicator));
	indicator->name = "test";
	indicator->title = "test";
	indicator->source = "synthetic";
	indicator->tidy_path = "test.csv";
	indicator->per = 100;
	jb_quiet = 1;
}

START_TEST(a_single_municipality_is_its_own_reference)
{
	struct stats_indicator indicator;
	const struct stats_unit *unit;

	start_indicator(&indicator);
	add_unit(&indicator, "GM0001", 30, 1, 200, 1);
	stats_benchmark_compute(&indicator, &settings);
	unit = &indicator.units[0];
	ck_assert_int_eq(unit->status, STATS_OK);
	ck_assert(unit->national.known && unit->national.value == 15);
	ck_assert(unit->median.known && unit->median.value == 15);
	ck_assert(unit->z.known && unit->z.value == 0);
	ck_assert_int_eq(unit->flag[0], STATS_FLAG_WITHIN);
	ck_assert_int_eq(unit->flag[1], STATS_FLAG_WITHIN);
	stats_indicator_free(&indicator);
}
END_TEST

START_TEST(all_missing_leaves_references_empty)
{
	struct stats_indicator indicator;
	size_t i;

	start_indicator(&indicator);
	add_unit(&indicator, "GM0001", 0, 0, 200, 1);
	add_unit(&indicator, "GM0002", 0, 0, 0, 0);
	add_unit(&indicator, "GM0003", 0, 1, 0, 1);
	stats_benchmark_compute(&indicator, &settings);
	ck_assert_int_eq(indicator.units[0].status, STATS_SUPPRESSED);
	ck_assert_int_eq(indicator.units[1].status, STATS_SUPPRESSED);
	ck_assert_int_eq(indicator.units[2].status, STATS_ZERO_DENOMINATOR);
	for (i = 0; i < 3; i++) {
		ck_assert(!indicator.units[i].national.known);
		ck_assert(!indicator.units[i].median.known);
		ck_assert(!indicator.units[i].value.known);
		ck_assert(!indicator.units[i].z.known);
	}
	stats_indicator_free(&indicator);
}
END_TEST

START_TEST(a_national_proportion_of_zero_has_no_funnel)
{
	struct stats_indicator indicator;
	const struct stats_unit *unit;

	start_indicator(&indicator);
	add_unit(&indicator, "GM0001", 0, 1, 200, 1);
	add_unit(&indicator, "GM0002", 0, 1, 50, 1);
	add_unit(&indicator, "GM0003", 4, 1, 0, 0);
	stats_benchmark_compute(&indicator, &settings);
	unit = &indicator.units[0];
	ck_assert(unit->value.known && unit->value.value == 0);
	ck_assert(unit->ci_low.known && unit->ci_low.value == 0);
	/* 100 z^2 / (200 + z^2) */
	ck_assert_double_eq_tol(unit->ci_high.value, 100 * Z95 * Z95 / (200 + Z95 * Z95),
				TOLERANCE);
	ck_assert(unit->national.known && unit->national.value == 0);
	ck_assert(!unit->z.known && !unit->limit_low[0].known && !unit->limit_high[1].known);
	ck_assert_int_eq(unit->flag[0], STATS_FLAG_NONE);
	ck_assert_int_eq(indicator.units[2].status, STATS_NO_DENOMINATOR);
	stats_indicator_free(&indicator);
}
END_TEST

START_TEST(identical_values_give_equal_quartiles_and_zero_z)
{
	struct stats_indicator indicator;
	size_t i;

	start_indicator(&indicator);
	add_unit(&indicator, "GM0001", 10, 1, 100, 1);
	add_unit(&indicator, "GM0002", 20, 1, 200, 1);
	add_unit(&indicator, "GM0003", 5, 1, 50, 1);
	stats_benchmark_compute(&indicator, &settings);
	for (i = 0; i < 3; i++) {
		const struct stats_unit *unit = &indicator.units[i];

		ck_assert_double_eq_tol(unit->q1.value, 10, TOLERANCE);
		ck_assert_double_eq_tol(unit->q3.value, 10, TOLERANCE);
		ck_assert_double_eq_tol(unit->national.value, 10, TOLERANCE);
		ck_assert_double_eq_tol(unit->z.value, 0, TOLERANCE);
		ck_assert_int_eq(unit->flag[1], STATS_FLAG_WITHIN);
	}
	stats_indicator_free(&indicator);
}
END_TEST


/*
 * Records as text: "line:field|field|...\n" per record.  lines = 0 leaves
 * the line out: lib/csvio.c gives a record that starts with a quoted line
 * feed the line after it, stats_csv_each the line it starts on.
 */
struct records_text {
	char text[16384];
	size_t length;
	int lines;
};

static int collect_record(const struct jb_csv_row *row, void *context)
{
	struct records_text *records = context;
	size_t i;

	if (records->lines)
		records->length += (size_t)snprintf(records->text + records->length,
						    sizeof(records->text) - records->length, "%lu:",
						    row->line);
	for (i = 0; i < row->count; i++)
		records->length += (size_t)snprintf(records->text + records->length,
						    sizeof(records->text) - records->length,
						    "%s%s", i ? "|" : "", row->fields[i]);
	records->length += (size_t)snprintf(records->text + records->length,
					    sizeof(records->text) - records->length, "\n");
	return 0;
}

/* Both readers on the same bytes; 1 when they hand over the same records (or both refuse). */
/* stats_csv_each on 1 thread, or 2 (a reading thread and the caller's), into text */
static int stats_records(const char *input, size_t length, int threads, struct records_text *text)
{
	FILE *fp = fmemopen((void *)input, length, "rb");
	int saved = stats_threads, rc;

	ck_assert_ptr_nonnull(fp);
	stats_threads = threads;
	stats_csv_thread_bytes = 0;
	rc = stats_csv_each(fp, "stats", collect_record, text);
	stats_threads = saved;
	stats_csv_thread_bytes = 4u << 20;
	fclose(fp);
	return rc;
}

/* libcsv and stats_csv_each give the same records; also on 2 threads when two_threads */
static int readers_agree(const char *input, size_t length, int two_threads)
{
	int lines = !memchr(input, '"', length);
	struct records_text by_libcsv = { "", 0, lines }, by_stats = { "", 0, lines };
	struct records_text by_two = { "", 0, lines };
	FILE *fp = fmemopen((void *)input, length, "rb");
	int rc_libcsv, rc_stats, rc_two;

	ck_assert_ptr_nonnull(fp);
	rc_libcsv = jb_csv_each_stream(fp, "libcsv", collect_record, &by_libcsv);
	fclose(fp);
	rc_stats = stats_records(input, length, 1, &by_stats);
	rc_two = two_threads ? stats_records(input, length, 2, &by_two) : rc_stats;
	if (!two_threads)
		strcpy(by_two.text, by_stats.text);
	if (rc_two != rc_stats || strcmp(by_two.text, by_stats.text) != 0) {
		fprintf(stderr, "input [%.*s]\n1 thread [%s]\n2 threads [%s]\n", (int)length,
			input, by_stats.text, by_two.text);
		return 0;
	}
	if (rc_libcsv != 0 || rc_stats != 0)
		return (rc_libcsv != 0) == (rc_stats != 0);
	if (strcmp(by_libcsv.text, by_stats.text) != 0) {
		fprintf(stderr, "input [%.*s]\nlibcsv [%s]\nstats  [%s]\n", (int)length, input,
			by_libcsv.text, by_stats.text);
		return 0;
	}
	return 1;
}

START_TEST(csv_reader_matches_libcsv)
{
	static const char *const inputs[] = {
		"a,b,c\n1,2,3\n",
		"a,b\n\"x, y\",\"say \"\"hi\"\"\"\n",
		"a,b\r\n1,2\r\n",
		"a,b\n\n\n1,2\n",
		"a,b\n  1 , 2\t\n",
		"a,b\n\"multi\nline\",2\n3,4\n",
		"a,b\n1,2",
		"a,\n,\n",
		"a,b\n\" padded \",x\n",
		"a,b\n\"\",\"\"\n",
		"a,b\n1,x\"y\n",
		"a,b\n\"open,2\n",
		"a,b\n\"x\"y,2\n",
		"a\rb\rc\r",
		"   \n\t\na\n",
	};
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	const char alphabet[] = "ab,\" \n\r\t";
	char input[64];
	size_t i, j, length = 0;
	int saved_stderr, quiet, agree = 1;
	struct records_text quoted = { "", 0, 1 };
	FILE *fp;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		ck_assert_msg(readers_agree(inputs[i], strlen(inputs[i]), 1), "input %zu", i);
	/* a record is numbered by the line it starts on */
	fp = fmemopen((void *)inputs[5], strlen(inputs[5]), "rb");
	ck_assert_int_eq(stats_csv_each(fp, "quoted", collect_record, &quoted), 0);
	fclose(fp);
	ck_assert_str_eq(quoted.text, "1:a|b\n2:multi\nline|2\n4:3|4\n");
	/* a record of one field that starts with a NUL byte is a record, not a blank line */
	{
		static const char nul_field[] = "a,b\n\0x\n1,2\n";
		struct records_text with_nul = { "", 0, 1 };

		ck_assert_int_eq(stats_records(nul_field, sizeof(nul_field) - 1, 1, &with_nul), 0);
		ck_assert_str_eq(with_nul.text, "1:a|b\n2:\n3:1|2\n");
	}
	/* random inputs over the characters that matter (their messages silenced) */
	gsl_rng_set(rng, 20150101);
	fflush(stderr);
	saved_stderr = dup(2);
	quiet = open("/dev/null", O_WRONLY);
	ck_assert(saved_stderr >= 0 && quiet >= 0 && dup2(quiet, 2) == 2);
	for (i = 0; i < 2500; i++) {
		length = gsl_rng_uniform_int(rng, sizeof(input));
		for (j = 0; j < length; j++)
			input[j] = alphabet[gsl_rng_uniform_int(rng, sizeof(alphabet) - 1)];
		agree = readers_agree(input, length, i % 10 == 0); /* threads are slow under ASan */
		if (!agree)
			break;
	}
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	close(quiet);
	ck_assert_msg(agree, "random input %zu: [%.*s]", i, (int)length, input);
	gsl_rng_free(rng);
}
END_TEST

struct row_count {
	size_t rows;
	unsigned long last_line;
	int ok;
	size_t stop_after; /* returns 7 after that many rows; 0: never */
};

/* Counts records and checks each second field is the record's number. */
static int count_row(const struct jb_csv_row *row, void *context)
{
	struct row_count *seen = context;
	char expected[32];

	snprintf(expected, sizeof(expected), "%zu", seen->rows);
	if (row->count != 2 || strcmp(row->fields[1], expected) != 0)
		seen->ok = 0;
	seen->rows++;
	seen->last_line = row->line;
	return seen->stop_after && seen->rows == seen->stop_after ? 7 : 0;
}

START_TEST(csv_reader_handles_records_across_chunks)
{
	/* 3 MB of records (many 64 kB chunks), one quoted field with a line feed */
	size_t size = 3u << 20, length = 0, rows = 0;
	char *input = malloc(size + 64);
	FILE *fp;
	int rc, threads, saved = stats_threads;

	stats_csv_thread_bytes = 0; /* fmemopen has no size to look at */
	ck_assert_ptr_nonnull(input);
	while (length < size) {
		length += (size_t)sprintf(input + length, rows == 40000 ? "\"GM%06zu\n\",%zu\n" :
					  "GM%06zu,%zu\n", rows, rows);
		rows++;
	}
	for (threads = 1; threads <= 2; threads++) {
		struct row_count seen = { 0, 0, 1, 0 };

		stats_threads = threads;
		fp = fmemopen(input, length, "rb");
		ck_assert_ptr_nonnull(fp);
		rc = stats_csv_each(fp, "big", count_row, &seen);
		fclose(fp);
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(seen.rows, rows);
		ck_assert_int_eq(seen.ok, 1);
		ck_assert_uint_eq(seen.last_line, rows + 1); /* one record spans two lines */
		/* a callback that stops the reading: nothing after it, its value returned */
		seen = (struct row_count){ 0, 0, 1, 5 };
		fp = fmemopen(input, length, "rb");
		ck_assert_ptr_nonnull(fp);
		rc = stats_csv_each(fp, "big", count_row, &seen);
		fclose(fp);
		ck_assert_int_eq(rc, 7);
		ck_assert_uint_eq(seen.rows, 5);
	}
	/* a stop before a malformed record: the callback's value, not the error */
	memcpy(input + length - 3, "\"x\n", 3);
	for (threads = 1; threads <= 2; threads++) {
		struct row_count seen = { 0, 0, 1, 1000 };

		stats_threads = threads;
		fp = fmemopen(input, length, "rb");
		ck_assert_ptr_nonnull(fp);
		rc = stats_csv_each(fp, "big", count_row, &seen);
		fclose(fp);
		ck_assert_int_eq(rc, 7);
		seen = (struct row_count){ 0, 0, 1, 0 };
		fp = fmemopen(input, length, "rb");
		ck_assert_ptr_nonnull(fp);
		jb_quiet = 1;
		rc = stats_csv_each(fp, "big", count_row, &seen);
		jb_quiet = 0;
		fclose(fp);
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(seen.rows == rows - 1, "%d threads: %zu rows of %zu", threads, seen.rows, rows - 1);
	}
	stats_threads = saved;
	stats_csv_thread_bytes = 4u << 20;
	free(input);
}
END_TEST

START_TEST(beta_posterior_quantiles_invert_the_cdf)
{
	/* posteriors from small to very large counts: P(q) must be the tail probability */
	static const double shapes[][2] = {
		{ 2.5, 40 }, { 3, 3 }, { 12, 900 }, { 150, 2850 }, { 480, 9500 },
		{ 2000, 38000 }, { 9000, 1000 }, { 40000, 360000 }, { 1.5, 0.8 }
	};
	size_t i;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		struct stats_interval interval;
		double mean;

		ck_assert_int_eq(stats_beta_posterior(shapes[i][0], shapes[i][1], 0, 0, 0.95, &mean,
						      &interval), 0);
		ck_assert_double_eq_tol(gsl_cdf_beta_P(interval.low, shapes[i][0], shapes[i][1]),
					0.025, 1e-12);
		ck_assert_double_eq_tol(gsl_cdf_beta_Q(interval.high, shapes[i][0], shapes[i][1]),
					0.025, 1e-12);
		ck_assert_double_eq_tol(interval.low, gsl_cdf_beta_Pinv(0.025, shapes[i][0],
									 shapes[i][1]),
					1e-10 * interval.low);
	}
}
END_TEST

/* |P(q) - p| / (f(q) q): how far q is from the exact quantile, relative to q (GSL's CDF and density) */
static double quantile_miss(double q, double tail, int upper, double a, double b)
{
	double cdf = upper ? gsl_cdf_beta_Q(q, a, b) : gsl_cdf_beta_P(q, a, b);

	return fabs(cdf - tail) / (gsl_ran_beta_pdf(q, a, b) * q);
}

START_TEST(beta_quantiles_on_random_shapes_and_levels)
{
	/*
	 * 20,000 random posteriors: a, b log-uniform on [2, 1e5], the level 0.95
	 * or 1 - 10^-u (u uniform on [1, 10]); each quantile must invert GSL's
	 * CDF within 1e-12 of q (GSL's own cont. fraction and log-beta) and,
	 * where gsl_cdf_beta_Pinv settles, agree with it within 1e-10
	 */
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_error_handler_t *handler = gsl_set_error_handler_off();
	int i, compared = 0;

	gsl_rng_set(rng, 5);
	for (i = 0; i < 20000; i++) {
		double a = 2 * exp(gsl_rng_uniform(rng) * log(5e4));
		double b = 2 * exp(gsl_rng_uniform(rng) * log(5e4));
		double level = i % 2 ? 0.95 : 1 - pow(10, -1 - 9 * gsl_rng_uniform(rng));
		double tail = (1 - level) / 2, mean, pinv;
		struct stats_interval interval;

		ck_assert_int_eq(stats_beta_posterior(a, b, 0, 0, level, &mean, &interval), 0);
		ck_assert_msg(quantile_miss(interval.low, tail, 0, a, b) <= 1e-12,
			      "low a=%.17g b=%.17g level=%.17g", a, b, level);
		/* the upper probability is (1 + level) / 2 rounded: its tail exactly */
		ck_assert_msg(quantile_miss(interval.high, 1 - (1 + level) / 2, 1, a, b) <= 1e-12,
			      "high a=%.17g b=%.17g level=%.17g", a, b, level);
		pinv = gsl_cdf_beta_Pinv(tail, a, b);
		if (isfinite(pinv) && pinv > 0) {
			ck_assert_double_eq_tol(interval.low, pinv, 1e-10 * pinv);
			compared++;
		}
	}
	ck_assert_int_gt(compared, 10000);
	gsl_set_error_handler(handler);
	gsl_rng_free(rng);
}
END_TEST

START_TEST(beta_quantiles_match_40_digit_values)
{
	/*
	 * quantiles at 40 digits by tests/stats/data/beta_quantiles.py (mpmath);
	 * among them small a with large b (the first failed the plain continued
	 * fraction by 1e-12; the third and fourth were 8e-5 and 2e-8 off before
	 * a step below q's last bit counted as settled) and the mirror images
	 */
	static const double cases[][5] = {
		{ 3.7943498337223978, 83216.54139452578, 0.95, 0.000011861522649648934015, 0.00010161411640711825561 },
		{ 12.613275010173655, 44187.28828152969, 0.9999999505873336, 0.000034876878967316624063, 0.00095666541129611267606 },
		{ 2.096062699036082, 3468.9933088386742, 0.9999999998690984, 5.7998079727674879853e-9, 0.0077692373669095301355 },
		{ 2.220646897865907, 46237.01795035197, 0.9999999917615726, 5.447988619700160972e-9, 0.00049910128889219810431 },
		{ 87420.36462572358, 89661.66586533298, 0.95, 0.49134304425288851454, 0.49600023808109472886 },
		{ 46237.01795035197, 2.220646897865907, 0.999, 0.99977354716312333517, 0.99999892254117196114 },
		{ 2.5, 7.5, 0.95, 0.049301922976594044758, 0.54382443311934749953 },
		{ 20000.5, 3.25, 0.9999999999, 0.99847375469027240568, 0.99999993512572246668 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stats_interval interval;
		double mean;

		ck_assert_int_eq(stats_beta_posterior(cases[i][0], cases[i][1], 0, 0, cases[i][2],
						      &mean, &interval), 0);
		ck_assert_double_eq_tol(interval.low, cases[i][3], 1e-12 * cases[i][3]);
		ck_assert_double_eq_tol(interval.high, cases[i][4], 1e-12 * cases[i][4]);
	}
}
END_TEST

START_TEST(chi_square_by_hand)
{
	/* (30, 50, 20) against (0.25, 0.5, 0.25): E = (25, 50, 25), X2 = 1 + 0 + 1 = 2,
	 * 2 df: p = exp(-2/2) = 0.36787944117144233 (closed form for 2 df) */
	const double counts[] = { 30, 50, 20 }, shares[] = { 0.25, 0.5, 0.25 };
	/* (60, 40) against (0.5, 0.5): X2 = 4, 1 df: p = erfc(sqrt(2)) = 0.04550026389635842 */
	const double two[] = { 60, 40 }, half[] = { 0.5, 0.5 };
	/* a category without reference share is left out: df 1, not 2 */
	const double three[] = { 60, 40, 0 }, none[] = { 0.5, 0.5, 0 };
	double statistic, p;
	unsigned df;

	ck_assert_int_eq(stats_chi_square(counts, shares, 3, &statistic, &df, &p), 0);
	ck_assert_double_eq_tol(statistic, 2, 1e-12);
	ck_assert_uint_eq(df, 2);
	ck_assert_double_eq_tol(p, 0.36787944117144233, 1e-12);
	ck_assert_int_eq(stats_chi_square(two, half, 2, &statistic, &df, &p), 0);
	ck_assert_double_eq_tol(statistic, 4, 1e-12);
	ck_assert_double_eq_tol(p, 0.04550026389635842, 1e-12);
	ck_assert_int_eq(stats_chi_square(three, none, 3, &statistic, &df, &p), 0);
	ck_assert_uint_eq(df, 1);
	ck_assert_int_eq(stats_chi_square(two, (const double[]){ 1, 0 }, 2, &statistic, &df, &p),
			 -1);
	ck_assert_int_eq(stats_chi_square((const double[]){ 0, 0 }, half, 2, &statistic, &df, &p),
			 -1);
}
END_TEST

START_TEST(chi_square_rejects_five_percent_under_the_null)
{
	/*
	 * 2,000 replicates of jb-stats's test: one municipality of 300 and 30
	 * others of 400 drawn from the same mix; the reference is the others'
	 * pooled mix.  At 5% the rejections must be 3-7% of the replicates.
	 */
	const double mix[] = { 0.45, 0.30, 0.15, 0.10 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	unsigned int draw[4];
	size_t replicate, other, k, rejected = 0, replicates = 2000;

	gsl_rng_set(rng, 20150101);
	for (replicate = 0; replicate < replicates; replicate++) {
		double counts[4], pooled[4] = { 0, 0, 0, 0 }, total = 0, statistic, p;
		unsigned df;

		gsl_ran_multinomial(rng, 4, 300, mix, draw);
		for (k = 0; k < 4; k++)
			counts[k] = draw[k];
		for (other = 0; other < 30; other++) {
			gsl_ran_multinomial(rng, 4, 400, mix, draw);
			for (k = 0; k < 4; k++) {
				pooled[k] += draw[k];
				total += draw[k];
			}
		}
		for (k = 0; k < 4; k++)
			pooled[k] /= total;
		ck_assert_int_eq(stats_chi_square(counts, pooled, 4, &statistic, &df, &p), 0);
		ck_assert_uint_eq(df, 3);
		rejected += p < 0.05;
	}
	ck_assert_msg(rejected >= 0.03 * replicates && rejected <= 0.07 * replicates,
		      "%zu of %zu rejected", rejected, replicates);
	gsl_rng_free(rng);
}
END_TEST

static Suite *stats_suite(void)
{
	Suite *suite = suite_create("stats");
	TCase *methods = tcase_create("methods");
	TCase *periods = tcase_create("periods");

	tcase_add_test(methods, normal_quantiles_of_the_funnel_levels);
	tcase_add_test(methods, wilson_matches_newcombe_1998);
	tcase_add_test(methods, wilson_edges_have_closed_forms);
	tcase_add_test(methods, wilson_refuses_what_has_no_interval);
	tcase_add_test(methods, wilson_covers_the_truth);
	tcase_add_test(methods, funnel_limits_are_the_closed_form);
	tcase_add_test(methods, z_scores_and_flags);
	tcase_add_test(methods, pooled_national_proportion);
	tcase_add_test(methods, quartiles_by_hand);
	tcase_add_test(methods, numbers_have_at_most_six_decimals);
	tcase_add_test(methods, fast_number_format_matches_printf);
	tcase_add_test(methods, garwood_matches_the_poisson_tail_sums);
	tcase_add_test(methods, overdispersion_by_hand);
	tcase_add_test(methods, change_matches_newcombe_1998_method_10);
	tcase_add_test(methods, beta_posterior_is_the_closed_form);
	tcase_add_test(methods, beta_prior_moments_by_hand);
	tcase_add_test(methods, shrinkage_beats_raw_rates_on_simulated_truth);
	tcase_add_test(methods, ranks_by_hand_with_ties);
	tcase_add_test(methods, sorts_match_a_comparison_sort);
	tcase_add_test(methods, csv_reader_matches_libcsv);
	tcase_add_test(methods, csv_reader_handles_records_across_chunks);
	tcase_add_test(methods, beta_posterior_quantiles_invert_the_cdf);
	tcase_add_test(methods, beta_quantiles_on_random_shapes_and_levels);
	tcase_add_test(methods, beta_quantiles_match_40_digit_values);
	tcase_add_test(methods, chi_square_by_hand);
	tcase_add_test(methods, chi_square_rejects_five_percent_under_the_null);
	tcase_add_test(methods, rank_intervals_clear_cut_and_reproducible);
	tcase_add_test(methods, trend_by_hand);
	tcase_add_test(methods, trend_recovers_a_known_slope);
	tcase_add_test(methods, nearest_neighbours_by_hand);
	tcase_add_test(methods, glm_binary_covariate_is_the_log_odds);
	tcase_add_test(methods, glm_recovers_known_coefficients);
	tcase_add_test(methods, glm_degenerate_input);
	tcase_add_test(periods, a_single_municipality_is_its_own_reference);
	tcase_add_test(periods, all_missing_leaves_references_empty);
	tcase_add_test(periods, a_national_proportion_of_zero_has_no_funnel);
	tcase_add_test(periods, identical_values_give_equal_quartiles_and_zero_z);
	suite_add_tcase(suite, methods);
	suite_add_tcase(suite, periods);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(stats_suite());
	int failed;

	gsl_set_error_handler_off();
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
