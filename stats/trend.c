#include "trend.h"

#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdlib.h>

#include "xalloc.h"

int stats_trend(const double *years, const double *values, const double *variances,
		size_t count, double z, struct stats_trend *trend)
{
	double c0, c1, cov00, cov01, cov11, chisq, se, *weights;
	size_t i;
	int distinct = 0, rc;

	for (i = 0; i < count; i++) {
		if (!isfinite(years[i]) || !isfinite(values[i]) || !isfinite(variances[i]) ||
		    variances[i] <= 0)
			return -1;
		distinct |= years[i] != years[0];
	}
	if (count < 2 || !distinct || !(z > 0))
		return -1;
	weights = jb_xcalloc(count, sizeof(*weights));
	for (i = 0; i < count; i++)
		weights[i] = 1 / variances[i];
	rc = gsl_fit_wlinear(years, 1, weights, 1, values, 1, count, &c0, &c1, &cov00, &cov01,
			     &cov11, &chisq);
	free(weights);
	if (rc != 0 || !isfinite(c1) || !isfinite(cov11) || cov11 < 0)
		return -1;
	trend->dispersion = count > 2 && isfinite(chisq) && chisq / (double)(count - 2) > 1 ?
			    chisq / (double)(count - 2) : 1;
	se = sqrt(cov11 * trend->dispersion);
	trend->slope = c1;
	trend->low = c1 - z * se;
	trend->high = c1 + z * se;
	trend->flag = trend->low > 0 ? STATS_TREND_UP :
		      trend->high < 0 ? STATS_TREND_DOWN : STATS_TREND_FLAT;
	return 0;
}

int stats_trend_unweighted(const double *years, const double *values, size_t count, double z,
			   struct stats_trend *trend)
{
	double c0, c1, cov00, cov01, cov11, sumsq, se;
	size_t i;
	int distinct = 0;

	for (i = 0; i < count; i++) {
		if (!isfinite(years[i]) || !isfinite(values[i]))
			return -1;
		distinct |= years[i] != years[0];
	}
	if (count < 3 || !distinct || !(z > 0))
		return -1;
	/* gsl_fit_linear scales the covariance by the residual variance sumsq / (n - 2) */
	if (gsl_fit_linear(years, 1, values, 1, count, &c0, &c1, &cov00, &cov01, &cov11,
			   &sumsq) != 0 || !isfinite(c1) || !isfinite(cov11) || cov11 < 0)
		return -1;
	se = sqrt(cov11);
	trend->dispersion = 1;
	trend->slope = c1;
	trend->low = c1 - z * se;
	trend->high = c1 + z * se;
	trend->flag = trend->low > 0 ? STATS_TREND_UP :
		      trend->high < 0 ? STATS_TREND_DOWN : STATS_TREND_FLAT;
	return 0;
}

const char *stats_trend_flag_name(enum stats_trend_flag flag)
{
	switch (flag) {
	case STATS_TREND_UP:
		return "up";
	case STATS_TREND_DOWN:
		return "down";
	case STATS_TREND_FLAT:
		return "flat";
	case STATS_TREND_NONE:
		break;
	}
	return "";
}
