/*
 * One indicator in memory: a unit is one municipality in one period, with
 * its counts (or published value) and everything computed for it.
 */
#ifndef JB_STATS_BENCHMARK_H
#define JB_STATS_BENCHMARK_H

#include <stddef.h>

#include "change.h"
#include "funnel.h"
#include "trend.h"

#define STATS_FUNNEL_LEVELS 2

struct stats_context;

/* The tidy `harmonised` column (jb-transform), ordered from weakest to strongest. */
enum stats_harmonised {
	STATS_HARMONISED_ABSENT = -1, /* the tidy file has no such column */
	STATS_HARMONISED_NO,
	STATS_HARMONISED_MERGED,
	STATS_HARMONISED_SPLIT,
	STATS_HARMONISED_NOT_HARMONISABLE
};

/* no, merged, split, not_harmonisable; anything else counts as no. */
enum stats_harmonised stats_harmonised_parse(const char *text);
/* The column value; "" when absent. */
const char *stats_harmonised_name(int harmonised);
/* share of z-scores winsorised in each tail before phi is estimated */
#define STATS_WINSOR_SHARE 0.1

enum stats_status {
	STATS_OK,
	STATS_SUPPRESSED,        /* numerator (or published value) missing */
	STATS_NO_DENOMINATOR,    /* denominator missing */
	STATS_ZERO_DENOMINATOR
};

/*
 * A number that is either computed or "not computed" (written empty);
 * packed to 9 bytes: a unit holds some forty of them.
 */
struct stats_number {
	double value;
	unsigned char known;
} __attribute__((packed));

struct stats_unit {
	char *region_code, *region_name, *period, *period_status;
	struct stats_number numerator, denominator, published; /* as read */
	enum stats_status status;
	struct stats_number value, ci_low, ci_high, national, q1, median, q3, z;
	struct stats_number limit_low[STATS_FUNNEL_LEVELS], limit_high[STATS_FUNNEL_LEVELS];
	enum stats_flag flag[STATS_FUNNEL_LEVELS];
	/* added columns: Garwood interval, over-dispersion (Spiegelhalter 2005) */
	struct stats_number poisson_low, poisson_high, phi, tau, z_adjusted;
	struct stats_number adjusted_low[STATS_FUNNEL_LEVELS], adjusted_high[STATS_FUNNEL_LEVELS];
	enum stats_flag adjusted_flag[STATS_FUNNEL_LEVELS];
	/* against the same municipality in the previous period of the table */
	struct stats_number change, change_low, change_high;
	enum stats_change_flag change_flag;
	/* empirical-Bayes beta-binomial estimate (posterior mean and interval) */
	struct stats_number eb_value, eb_low, eb_high;
	/* rank of the value among the period's ok units (1 = highest), simulated interval */
	struct stats_number rank, rank_low, rank_high;
	/* the municipality's trend over all periods (same on each of its rows) */
	struct stats_number trend_slope, trend_low, trend_high;
	enum stats_trend_flag trend_flag;
	/* pooled value of the similar municipalities, and where the value's interval lies */
	struct stats_number peer_value;
	enum stats_flag peer_flag;
	/* context-adjusted expectation: expected count, observed / expected with exact interval */
	struct stats_number expected, oe_ratio, oe_low, oe_high;
	enum stats_flag oe_flag;
	int harmonised; /* enum stats_harmonised: the strongest of the unit's tidy rows */
};

/* One term of the logistic model of one period (data/stats/models.csv). */
struct stats_model_row {
	char *period;
	const char *term; /* borrowed: "intercept" or a covariate name */
	double coefficient, se, deviance, dispersion, aic;
	size_t n;
	int iterations;
};

/* Messages of one period computed on its own thread, written later in period order. */
struct stats_notes {
	char **lines;
	size_t count, capacity;
};

/* A published national value of one period (rates only). */
struct stats_national {
	char *period;
	double value;
};

struct stats_indicator {
	const char *name, *title, *source; /* borrowed */
	const char *tidy_path;             /* borrowed, for messages */
	double per;
	int published_rate;                /* value = ... instead of counts */
	int strings_borrowed;              /* the units' strings belong to a tidy table */
	int ratio;                         /* kind = ratio: no binomial statistics (METHODS.md) */
	struct stats_unit *units;          /* sorted by period, region_code */
	size_t unit_count, unit_capacity;
	struct stats_national *nationals;
	size_t national_count, national_capacity;
	const struct stats_context *context; /* borrowed; NULL without covariates */
	struct stats_model_row *model_rows;
	size_t model_row_count, model_row_capacity;
	struct stats_notes *notes;         /* NULL: stats_note writes at once */
};

struct stats_settings {
	double confidence;                        /* level of ci_low, ci_high */
	double z_confidence;
	double funnel_level[STATS_FUNNEL_LEVELS]; /* 0.95, 0.998 */
	double z_funnel[STATS_FUNNEL_LEVELS];
	unsigned long seed;                       /* [jeugdbench] seed */
	long simulations;                         /* replicates for rank intervals */
};

static inline struct stats_number stats_known(double value)
{
	struct stats_number number = { value, 1 };

	return number;
}

/* Fills the statistics of every unit, one period at a time. */
void stats_benchmark_compute(struct stats_indicator *indicator,
			     const struct stats_settings *settings);
/* A line on stderr: "tidy_path: indicator period: what" (kept in indicator->notes when set). */
void stats_note(const struct stats_indicator *indicator, const char *period, const char *what);
/* Empirical-Bayes estimates of the ok units of one period (stats/benchmark_eb.c). */
void stats_shrink_period(const struct stats_indicator *indicator, struct stats_unit *units,
			 size_t count, const struct stats_settings *settings);
struct stats_beta_prior;
/*
 * Ranks of the ok units of one period; with a prior, rank intervals from
 * settings->simulations draws of the posteriors (stats/benchmark_eb.c).
 */
void stats_rank_period(const struct stats_indicator *indicator, struct stats_unit *units,
		       size_t count, const struct stats_settings *settings,
		       const struct stats_beta_prior *prior);
/* Weighted least-squares trend per municipality over the periods (stats/benchmark_trend.c). */
void stats_trend_units(struct stats_indicator *indicator, const struct stats_settings *settings);
/* peer_value and peer_flag of the ok units of one period (stats/benchmark_peers.c). */
void stats_peer_period(const struct stats_indicator *indicator, struct stats_unit *units,
		       size_t count);
/* Messages on the regions of the newest period missing in the context, and the reverse. */
void stats_context_join_note(const struct stats_indicator *indicator);
/* The logistic model of one period and the O/E of its units (stats/benchmark_model.c). */
void stats_model_period(struct stats_indicator *indicator, struct stats_unit *units,
			size_t count, const struct stats_settings *settings);
/* Frees the units and nationals (not the borrowed names). */
void stats_indicator_free(struct stats_indicator *indicator);
/* "ok", "suppressed", "no_denominator", "zero_denominator". */
const char *stats_status_name(enum stats_status status);

#endif
