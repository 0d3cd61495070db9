#include "benchmark_write.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

#define NUMBER_SIZE 64

enum {
	F_INDICATOR, F_INDICATOR_TITLE, F_PERIOD, F_PERIOD_STATUS, F_REGION_CODE,
	F_REGION_NAME, F_NUMERATOR, F_DENOMINATOR, F_VALUE, F_CI_LOW, F_CI_HIGH, F_NATIONAL,
	F_Q1, F_MEDIAN, F_Q3, F_Z, F_LIMIT95_LOW, F_LIMIT95_HIGH, F_LIMIT998_LOW,
	F_LIMIT998_HIGH, F_FLAG95, F_FLAG998, F_STATUS, F_SOURCE,
	/* added after the contract's columns (stats/README.md) */
	F_POISSON_LOW, F_POISSON_HIGH, F_PHI, F_TAU, F_Z_ADJUSTED, F_ADJ95_LOW, F_ADJ95_HIGH,
	F_ADJ998_LOW, F_ADJ998_HIGH, F_FLAG95_ADJ, F_FLAG998_ADJ, F_CHANGE, F_CHANGE_LOW,
	F_CHANGE_HIGH, F_CHANGE_FLAG, F_EB_VALUE, F_EB_LOW, F_EB_HIGH,
	F_RANK, F_RANK_LOW, F_RANK_HIGH, F_TREND_SLOPE, F_TREND_LOW, F_TREND_HIGH,
	F_TREND_FLAG, F_PEER_VALUE, F_PEER_FLAG, F_EXPECTED, F_OE_RATIO, F_OE_LOW, F_OE_HIGH,
	F_OE_FLAG, F_PROVISIONAL, F_HARMONISED, F_COUNT
};

static const char *const header[F_COUNT] = {
	"indicator", "indicator_title", "period", "period_status", "region_code",
	"region_name", "numerator", "denominator", "value", "ci_low", "ci_high", "national",
	"q1", "median", "q3", "z", "limit95_low", "limit95_high", "limit998_low",
	"limit998_high", "flag95", "flag998", "status", "source",
	"poisson_low", "poisson_high", "phi", "tau", "z_adjusted", "limit95_adj_low",
	"limit95_adj_high", "limit998_adj_low", "limit998_adj_high", "flag95_adj",
	"flag998_adj", "change", "change_low", "change_high", "change_flag",
	"eb_value", "eb_low", "eb_high", "rank", "rank_low", "rank_high",
	"trend_slope", "trend_low", "trend_high", "trend_flag", "peer_value", "peer_flag",
	"expected", "oe_ratio", "oe_low", "oe_high", "oe_flag", "provisional", "harmonised"
};

/* yes for a provisional period (voorlopig, nader voorlopig), no for definitief, else empty. */
static const char *provisional_name(const char *period_status)
{
	if (strcmp(period_status, "definitief") == 0)
		return "no";
	if (strstr(period_status, "voorlopig"))
		return "yes";
	return "";
}

int stats_decimals = 6;

/*
 * value x 10^decimals rounded, when that rounding is certain (not within
 * 10^-3 of a half: the product's rounding error is far smaller for
 * |scaled| < 2^40); -1 when printf must decide.
 */
static int scaled_integer(double value, int decimals, long long *scaled)
{
	static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	double product, fraction;

	if (decimals > 9)
		return -1;
	product = fabs(value) * powers[decimals];
	if (!(product < 1099511627776.0))
		return -1;
	fraction = product - floor(product);
	if (fabs(fraction - 0.5) < 1e-3)
		return -1;
	*scaled = (long long)floor(product + 0.5);
	if (value < 0)
		*scaled = -*scaled;
	return 0;
}

static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The count digits of value (zero-padded) ending just before end, two at a time. */
static void put_digits(char *end, unsigned long long value, int count)
{
	while (count >= 2) {
		const char *pair = digit_pairs + 2 * (value % 100);

		end -= 2;
		end[0] = pair[0];
		end[1] = pair[1];
		value /= 100;
		count -= 2;
	}
	if (count)
		*--end = (char)('0' + value % 10);
}

static int digit_count(unsigned long long value)
{
	int count = 1;

	while (value >= 10) {
		value /= 10;
		count++;
	}
	return count;
}

/*
 * The shortest text of scaled / 10^decimals: trailing zeros of the
 * fraction and a lone point dropped, "0" for zero.  text holds 32 bytes.
 */
static int format_scaled(long long scaled, int decimals, char *text)
{
	static const unsigned long long powers[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
	};
	unsigned long long magnitude = scaled < 0 ? 0 - (unsigned long long)scaled :
				       (unsigned long long)scaled, whole;
	int len = 0, whole_digits;

	while (decimals > 0 && magnitude % 10 == 0 && magnitude > 0) {
		magnitude /= 10;
		decimals--;
	}
	if (magnitude == 0)
		decimals = 0;
	if (scaled < 0 && magnitude > 0)
		text[len++] = '-';
	whole = magnitude / powers[decimals];
	whole_digits = digit_count(whole);
	len += whole_digits;
	put_digits(text + len, whole, whole_digits);
	if (decimals > 0) {
		text[len++] = '.';
		len += decimals;
		put_digits(text + len, magnitude % powers[decimals], decimals);
	}
	text[len] = '\0';
	return len;
}

/* stats_format_number's text at the end of text; its length, or -1 when it does not fit. */
static int format_number(double value, char *text, size_t size)
{
	long long scaled;
	int len;

	if (!isfinite(value) || size == 0)
		return -1;
	if (size >= 32 && scaled_integer(value, stats_decimals, &scaled) == 0)
		return format_scaled(scaled, stats_decimals, text);
	len = snprintf(text, size, "%.*f", stats_decimals, value);
	if (len < 0 || (size_t)len >= size)
		return -1;
	if (stats_decimals > 0) {
		while (len > 0 && text[len - 1] == '0')
			text[--len] = '\0';
		if (len > 0 && text[len - 1] == '.')
			text[--len] = '\0';
	}
	if (strcmp(text, "-0") == 0) {
		strcpy(text, "0");
		len = 1;
	}
	return len;
}

int stats_format_number(double value, char *text, size_t size)
{
	return format_number(value, text, size) < 0 ? -1 : 0;
}

/*
 * One CSV record as jb_csv_write_row writes it (a field with a comma, quote,
 * CR, LF or an edge space quoted, quotes doubled), built in memory and
 * written at once.
 */
static int write_record(FILE *fp, const char *const *fields, const int *lengths, size_t count)
{
	char line[8192], *big = NULL, *at;
	size_t need = 1, i;
	int rc;

	for (i = 0; i < count; i++)
		need += (lengths[i] >= 0 ? (size_t)lengths[i] :
			 2 * strlen(fields[i] ? fields[i] : "")) + 3;
	at = need <= sizeof(line) ? line : (big = jb_xmalloc(need));
	for (i = 0; i < count; i++) {
		const char *field = fields[i] ? fields[i] : "";
		size_t len;

		if (i > 0)
			*at++ = ',';
		if (lengths[i] >= 0) {
			/* a number or a flag: never quoted */
			memcpy(at, field, (size_t)lengths[i]);
			at += lengths[i];
			continue;
		}
		len = strlen(field);
		if (strpbrk(field, ",\"\r\n") || (len && (field[0] == ' ' || field[len - 1] == ' '))) {
			*at++ = '"';
			for (; *field; field++) {
				if (*field == '"')
					*at++ = '"';
				*at++ = *field;
			}
			*at++ = '"';
		} else {
			memcpy(at, field, len);
			at += len;
		}
	}
	*at++ = '\n';
	rc = fwrite(big ? big : line, 1, (size_t)(at - (big ? big : line)), fp) ==
	     (size_t)(at - (big ? big : line)) ? 0 : -1;
	free(big);
	return rc;
}

int stats_write_header(FILE *fp, const char *path)
{
	if (jb_csv_write_row(fp, header, F_COUNT) != 0) {
		jb_warn("%s: write error:", path);
		return JB_EXIT_IOERR;
	}
	return JB_EXIT_OK;
}

/* Formats number into text (empty when not computed); -1 when it is not finite. */
static int number_field(const struct stats_number *number, char *text, const char **field,
			int *length)
{
	*field = "";
	*length = 0;
	if (!number->known)
		return 0;
	if ((*length = format_number(number->value, text, NUMBER_SIZE)) < 0)
		return -1;
	*field = text;
	return 0;
}

static int write_unit(FILE *fp, const char *path, const struct stats_indicator *indicator,
		      const struct stats_unit *unit)
{
	const struct {
		int field;
		const struct stats_number *number;
	} numbers[] = {
		{ F_NUMERATOR, &unit->numerator }, { F_DENOMINATOR, &unit->denominator },
		{ F_VALUE, &unit->value }, { F_CI_LOW, &unit->ci_low },
		{ F_CI_HIGH, &unit->ci_high }, { F_NATIONAL, &unit->national },
		{ F_Q1, &unit->q1 }, { F_MEDIAN, &unit->median }, { F_Q3, &unit->q3 },
		{ F_Z, &unit->z }, { F_LIMIT95_LOW, &unit->limit_low[0] },
		{ F_LIMIT95_HIGH, &unit->limit_high[0] }, { F_LIMIT998_LOW, &unit->limit_low[1] },
		{ F_LIMIT998_HIGH, &unit->limit_high[1] },
		{ F_POISSON_LOW, &unit->poisson_low }, { F_POISSON_HIGH, &unit->poisson_high },
		{ F_PHI, &unit->phi }, { F_TAU, &unit->tau }, { F_Z_ADJUSTED, &unit->z_adjusted },
		{ F_ADJ95_LOW, &unit->adjusted_low[0] }, { F_ADJ95_HIGH, &unit->adjusted_high[0] },
		{ F_ADJ998_LOW, &unit->adjusted_low[1] },
		{ F_ADJ998_HIGH, &unit->adjusted_high[1] },
		{ F_CHANGE, &unit->change }, { F_CHANGE_LOW, &unit->change_low },
		{ F_CHANGE_HIGH, &unit->change_high },
		{ F_EB_VALUE, &unit->eb_value }, { F_EB_LOW, &unit->eb_low },
		{ F_EB_HIGH, &unit->eb_high }, { F_RANK, &unit->rank },
		{ F_RANK_LOW, &unit->rank_low }, { F_RANK_HIGH, &unit->rank_high },
		{ F_PEER_VALUE, &unit->peer_value }, { F_EXPECTED, &unit->expected },
		{ F_OE_RATIO, &unit->oe_ratio }, { F_OE_LOW, &unit->oe_low },
		{ F_OE_HIGH, &unit->oe_high }
	};
	/* the municipality's own numbers, given on its rows whatever their status */
	const struct {
		int field;
		const struct stats_number *number;
	} region_numbers[] = {
		{ F_TREND_SLOPE, &unit->trend_slope }, { F_TREND_LOW, &unit->trend_low },
		{ F_TREND_HIGH, &unit->trend_high }
	};
	char region_text[sizeof(region_numbers) / sizeof(region_numbers[0])][NUMBER_SIZE];
	const struct stats_number none = { 0, 0 };
	char text[sizeof(numbers) / sizeof(numbers[0])][NUMBER_SIZE];
	const char *fields[F_COUNT];
	int lengths[F_COUNT]; /* of the numbers; -1: text that may need quotes */
	size_t i;

	for (i = 0; i < F_COUNT; i++)
		lengths[i] = -1;
	fields[F_INDICATOR] = indicator->name;
	fields[F_INDICATOR_TITLE] = indicator->title;
	fields[F_PERIOD] = unit->period;
	fields[F_PERIOD_STATUS] = unit->period_status;
	fields[F_REGION_CODE] = unit->region_code;
	fields[F_REGION_NAME] = unit->region_name;
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		/* a row that is not ok keeps region and period, no numbers */
		const struct stats_number *number =
			unit->status == STATS_OK ? numbers[i].number : &none;

		if (number_field(number, text[i], &fields[numbers[i].field],
				 &lengths[numbers[i].field]) != 0) {
			jb_warn("%s: internal error: %s %s %s: column %s is not finite", path,
				indicator->name, unit->period, unit->region_code,
				header[numbers[i].field]);
			return JB_EXIT_SOFTWARE;
		}
	}
	for (i = 0; i < sizeof(region_numbers) / sizeof(region_numbers[0]); i++)
		if (number_field(region_numbers[i].number, region_text[i],
				 &fields[region_numbers[i].field],
				 &lengths[region_numbers[i].field]) != 0) {
			jb_warn("%s: internal error: %s %s %s: column %s is not finite", path,
				indicator->name, unit->period, unit->region_code,
				header[region_numbers[i].field]);
			return JB_EXIT_SOFTWARE;
		}
	fields[F_TREND_FLAG] = stats_trend_flag_name(unit->trend_flag);
	fields[F_PEER_FLAG] = stats_flag_name(unit->peer_flag);
	fields[F_OE_FLAG] = stats_flag_name(unit->oe_flag);
	fields[F_PROVISIONAL] = provisional_name(unit->period_status);
	fields[F_HARMONISED] = stats_harmonised_name(unit->harmonised);
	fields[F_FLAG95] = stats_flag_name(unit->flag[0]);
	fields[F_FLAG998] = stats_flag_name(unit->flag[1]);
	fields[F_FLAG95_ADJ] = stats_flag_name(unit->adjusted_flag[0]);
	fields[F_FLAG998_ADJ] = stats_flag_name(unit->adjusted_flag[1]);
	fields[F_CHANGE_FLAG] = stats_change_flag_name(unit->change_flag);
	fields[F_STATUS] = stats_status_name(unit->status);
	fields[F_SOURCE] = indicator->source;
	if (write_record(fp, fields, lengths, F_COUNT) != 0) {
		jb_warn("%s: write error:", path);
		return JB_EXIT_IOERR;
	}
	return JB_EXIT_OK;
}

int stats_write_indicator(FILE *fp, const char *path, const struct stats_indicator *indicator)
{
	size_t i;
	int rc;

	for (i = 0; i < indicator->unit_count; i++)
		if ((rc = write_unit(fp, path, indicator, &indicator->units[i])) != JB_EXIT_OK)
			return rc;
	return JB_EXIT_OK;
}

int stats_write_models_header(FILE *fp, const char *path)
{
	const char *const columns[] = { "indicator", "period", "term", "coefficient", "se", "z",
					"n", "deviance", "dispersion", "aic" };

	if (jb_csv_write_row(fp, columns, sizeof(columns) / sizeof(columns[0])) != 0) {
		jb_warn("%s: write error:", path);
		return JB_EXIT_IOERR;
	}
	return JB_EXIT_OK;
}

int stats_write_models(FILE *fp, const char *path, const struct stats_indicator *indicator)
{
	size_t i, j;

	for (i = 0; i < indicator->model_row_count; i++) {
		const struct stats_model_row *row = &indicator->model_rows[i];
		double numbers[] = { row->coefficient, row->se, row->coefficient / row->se,
				     (double)row->n, row->deviance, row->dispersion, row->aic };
		char text[7][NUMBER_SIZE];
		const char *fields[10] = { indicator->name, row->period, row->term };

		for (j = 0; j < 7; j++) {
			if (stats_format_number(numbers[j], text[j], NUMBER_SIZE) != 0)
				text[j][0] = '\0';
			fields[3 + j] = text[j];
		}
		if (jb_csv_write_row(fp, fields, 10) != 0) {
			jb_warn("%s: write error:", path);
			return JB_EXIT_IOERR;
		}
	}
	return JB_EXIT_OK;
}
