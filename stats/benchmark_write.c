#include "benchmark_write.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "parallel.h"
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

static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static const unsigned long long powers_of_ten[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL
};

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

/* Digits of value (1 to 10^13): from its bit length, one comparison to mend. */
static int digit_count(unsigned long long value)
{
	/* 1233 / 4096 is just above log10(2): bits * 1233 >> 12 is 10^guess <= 2^bits */
	int guess = ((64 - __builtin_clzll(value | 1)) * 1233) >> 12;

	return guess + (value >= powers_of_ten[guess]);
}

/* The sign (none for zero) and the digits of whole at at; the end of what it wrote. */
static char *put_whole(char *at, int negative, unsigned long long magnitude,
		       unsigned long long whole)
{
	int digits;

	if (negative && magnitude > 0)
		*at++ = '-';
	if (whole < 10) {
		*at++ = (char)('0' + whole);
		return at;
	}
	digits = digit_count(whole);
	put_digits(at + digits, whole, digits);
	return at + digits;
}

/* format_scaled for 6 decimals, the default: the fraction's digits as three pairs at once. */
static int format_millionths(int negative, unsigned long long magnitude, char *text)
{
	unsigned long long whole = magnitude / 1000000;
	unsigned fraction = (unsigned)(magnitude - whole * 1000000);
	char *at = put_whole(text, negative, magnitude, whole);

	if (fraction > 0) {
		unsigned rest = fraction % 10000, high = fraction / 10000, middle = rest / 100;
		unsigned low = rest % 100;
		/* the digits kept: up to the last pair that is not 00, less its final 0 */
		unsigned last = low ? low : middle ? middle : high;
		int kept = (low ? 6 : middle ? 4 : 2) - (last % 10 == 0);

		at[0] = '.';
		memcpy(at + 1, digit_pairs + 2 * high, 2);
		memcpy(at + 3, digit_pairs + 2 * middle, 2);
		memcpy(at + 5, digit_pairs + 2 * low, 2);
		at += 1 + kept;
	}
	*at = '\0';
	return (int)(at - text);
}

/*
 * The shortest text of magnitude / 10^decimals with the sign: trailing
 * zeros of the fraction and a lone point dropped, "0" for zero (never
 * "-0").  magnitude < 2^41, decimals <= 9; text holds 32 bytes.
 */
static int format_scaled(int negative, unsigned long long magnitude, int decimals, char *text)
{
	unsigned long long whole = magnitude / powers_of_ten[decimals];
	unsigned long long fraction = magnitude - whole * powers_of_ten[decimals];
	int len = (int)(put_whole(text, negative, magnitude, whole) - text);

	if (fraction > 0) {
		while (fraction % 10 == 0) {
			fraction /= 10;
			decimals--;
		}
		text[len++] = '.';
		len += decimals;
		put_digits(text + len, fraction, decimals);
	}
	text[len] = '\0';
	return len;
}

/*
 * stats_format_number's text at the start of text; its length, or -1 when
 * it does not fit.  With at most 9 decimals, |value| x 10^decimals below
 * 2^40 is rounded here when that rounding is certain: the product's
 * rounding error is below 2^-13, so a fraction not within 10^-3 of a half
 * rounds the same as the exact product; otherwise printf decides.
 */
static int format_number(double value, char *text, size_t size)
{
	static const double scales[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	int len;

	if (!isfinite(value) || size == 0)
		return -1;
	if (size >= 32 && stats_decimals <= 9) {
		double product = fabs(value) * scales[stats_decimals];

		if (product < 1099511627776.0) {
			/* truncation is floor for a product >= 0 */
			double fraction = product - (double)(unsigned long long)product;

			if (fabs(fraction - 0.5) >= 1e-3) {
				unsigned long long magnitude = (unsigned long long)(product + 0.5);

				return stats_decimals == 6 ?
				       format_millionths(value < 0, magnitude, text) :
				       format_scaled(value < 0, magnitude, stats_decimals, text);
			}
		}
	}
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

int stats_write_header(FILE *fp, const char *path)
{
	if (jb_csv_write_row(fp, header, F_COUNT) != 0) {
		jb_warn("%s: write error:", path);
		return JB_EXIT_IOERR;
	}
	return JB_EXIT_OK;
}

/* Rows of text built in memory and written at once. */
struct row_buffer {
	char *text;
	size_t length, capacity;
};

/*
 * A row is written through a pointer into its buffer rather than by the
 * buffer's length: room is made once for a row's numbers and short names
 * (ROW_ROOM), and again only before a text of any length.
 */
#define ROW_ROOM ((size_t)(F_COUNT + 1) * NUMBER_SIZE)

/*
 * at, a place in buffer's text (never NULL: buffers start with ROW_ROOM),
 * with at least more bytes after it; the text may move.
 */
static char *room(struct row_buffer *buffer, char *at, size_t more)
{
	size_t used = (size_t)(at - buffer->text);

	if (used + more > buffer->capacity) {
		buffer->capacity = 2 * (used + more);
		buffer->text = jb_xrealloc(buffer->text, buffer->capacity);
	}
	return buffer->text + used;
}

/* bytes that make jb_csv_write_row quote a field */
static const unsigned char needs_quotes[256] = { [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1 };

/*
 * A text field as jb_csv_write_row writes it: quoted, quotes doubled, when
 * it holds a comma, quote, CR or LF or starts or ends with a space.  Leaves
 * ROW_ROOM after it.
 */
static char *put_text(struct row_buffer *buffer, char *at, const char *field)
{
	size_t length, i;

	if (!field)
		field = "";
	length = strlen(field);
	at = room(buffer, at, 2 * length + 2 + ROW_ROOM);
	for (i = 0; i < length; i++) {
		if (needs_quotes[(unsigned char)field[i]])
			break;
		at[i] = field[i];
	}
	if (i == length && !(length && (field[0] == ' ' || field[length - 1] == ' ')))
		return at + length;
	*at++ = '"';
	for (i = 0; i < length; i++) {
		if (field[i] == '"')
			*at++ = '"';
		*at++ = field[i];
	}
	*at++ = '"';
	return at;
}

/* A short name (a flag, a status: shorter than NUMBER_SIZE, nothing to quote). */
static char *put_name(char *at, const char *name)
{
	size_t length = strlen(name);

	memcpy(at, name, length);
	return at + length;
}

/* A field text remembered by the string it was made of (names repeated on many rows). */
struct text_memo {
	const char *field;
	struct row_buffer text; /* its length: the field's text */
};

static char *put_text_memo(struct row_buffer *buffer, char *at, struct text_memo *memo,
			   const char *field)
{
	if (!field)
		field = "";
	if (memo->field != field) {
		memo->text.length = (size_t)(put_text(&memo->text, memo->text.text, field) -
					     memo->text.text);
		memo->field = field;
	}
	at = room(buffer, at, memo->text.length + ROW_ROOM);
	memcpy(at, memo->text.text, memo->text.length);
	return at + memo->text.length;
}

/* A column's last number and its text (values shared by a period's rows). */
struct number_memo {
	double value;
	int length; /* -1: none yet */
	char text[NUMBER_SIZE];
};

/*
 * The number's text at at (NUMBER_SIZE bytes of room), or nothing when not
 * known; NULL when it is not finite.
 */
static char *put_number(char *at, const struct stats_number *number, struct number_memo *memo)
{
	int length;

	if (!number->known)
		return at;
	if (memo && memo->length >= 0 && memcmp(&memo->value, &number->value, sizeof(double)) == 0) {
		memcpy(at, memo->text, (size_t)memo->length);
		return at + memo->length;
	}
	if ((length = format_number(number->value, at, NUMBER_SIZE)) < 0)
		return NULL;
	if (memo) {
		memcpy(&memo->value, &number->value, sizeof(double));
		memcpy(memo->text, at, (size_t)length);
		memo->length = length;
	}
	return at + length;
}

/* The fields of a row that repeat from row to row, made once per chunk of rows. */
struct row_memo {
	struct text_memo indicator, title, source, period, period_status;
	struct number_memo national, q1, median, q3, phi, tau;
};

/* A buffer with room for a row. */
static void row_buffer_init(struct row_buffer *buffer)
{
	buffer->capacity = ROW_ROOM;
	buffer->text = jb_xmalloc(buffer->capacity);
	buffer->length = 0;
}

static void row_memo_init(struct row_memo *memo)
{
	struct text_memo *texts[] = { &memo->indicator, &memo->title, &memo->source,
				      &memo->period, &memo->period_status };
	struct number_memo *numbers[] = { &memo->national, &memo->q1, &memo->median, &memo->q3,
					  &memo->phi, &memo->tau };
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		texts[i]->field = NULL;
		row_buffer_init(&texts[i]->text);
	}
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		numbers[i]->length = -1;
}

static void row_memo_free(struct row_memo *memo)
{
	free(memo->indicator.text.text);
	free(memo->title.text.text);
	free(memo->source.text.text);
	free(memo->period.text.text);
	free(memo->period_status.text.text);
}

/* A number column: where its number is in a unit and its memo in a row_memo (-1: none). */
struct number_column {
	int field;
	size_t number;
	long memo;
};

#define UNIT_NUMBER(f, member) { f, offsetof(struct stats_unit, member), -1 }
#define UNIT_NUMBER_MEMO(f, member) \
	{ f, offsetof(struct stats_unit, member), (long)offsetof(struct row_memo, member) }

/* in column order from numerator to limit998_high, then poisson_low to oe_high */
static const struct number_column number_columns[] = {
	UNIT_NUMBER(F_NUMERATOR, numerator), UNIT_NUMBER(F_DENOMINATOR, denominator),
	UNIT_NUMBER(F_VALUE, value), UNIT_NUMBER(F_CI_LOW, ci_low),
	UNIT_NUMBER(F_CI_HIGH, ci_high), UNIT_NUMBER_MEMO(F_NATIONAL, national),
	UNIT_NUMBER_MEMO(F_Q1, q1), UNIT_NUMBER_MEMO(F_MEDIAN, median),
	UNIT_NUMBER_MEMO(F_Q3, q3), UNIT_NUMBER(F_Z, z),
	UNIT_NUMBER(F_LIMIT95_LOW, limit_low[0]), UNIT_NUMBER(F_LIMIT95_HIGH, limit_high[0]),
	UNIT_NUMBER(F_LIMIT998_LOW, limit_low[1]), UNIT_NUMBER(F_LIMIT998_HIGH, limit_high[1]),
	UNIT_NUMBER(F_POISSON_LOW, poisson_low), UNIT_NUMBER(F_POISSON_HIGH, poisson_high),
	UNIT_NUMBER_MEMO(F_PHI, phi), UNIT_NUMBER_MEMO(F_TAU, tau),
	UNIT_NUMBER(F_Z_ADJUSTED, z_adjusted),
	UNIT_NUMBER(F_ADJ95_LOW, adjusted_low[0]), UNIT_NUMBER(F_ADJ95_HIGH, adjusted_high[0]),
	UNIT_NUMBER(F_ADJ998_LOW, adjusted_low[1]), UNIT_NUMBER(F_ADJ998_HIGH, adjusted_high[1]),
	UNIT_NUMBER(F_CHANGE, change), UNIT_NUMBER(F_CHANGE_LOW, change_low),
	UNIT_NUMBER(F_CHANGE_HIGH, change_high),
	UNIT_NUMBER(F_EB_VALUE, eb_value), UNIT_NUMBER(F_EB_LOW, eb_low),
	UNIT_NUMBER(F_EB_HIGH, eb_high), UNIT_NUMBER(F_RANK, rank),
	UNIT_NUMBER(F_RANK_LOW, rank_low), UNIT_NUMBER(F_RANK_HIGH, rank_high),
	UNIT_NUMBER(F_PEER_VALUE, peer_value), UNIT_NUMBER(F_EXPECTED, expected),
	UNIT_NUMBER(F_OE_RATIO, oe_ratio), UNIT_NUMBER(F_OE_LOW, oe_low),
	UNIT_NUMBER(F_OE_HIGH, oe_high)
};

/*
 * The unit's row appended to buffer, as jb_csv_write_row would write its
 * fields; the column of a number that is not finite, or -1.
 */
static int format_unit(struct row_buffer *buffer, struct row_memo *memo,
		       const struct stats_indicator *indicator, const struct stats_unit *unit)
{
	const struct number_column *numbers = number_columns;
	/* the municipality's own numbers, given on its rows whatever their status */
	const struct stats_number *trend[] = {
		&unit->trend_slope, &unit->trend_low, &unit->trend_high
	};
	int ok = unit->status == STATS_OK; /* a row that is not ok keeps region and period only */
	size_t n = 0;
	int field;
	char *at = room(buffer, buffer->text + buffer->length, ROW_ROOM);

	for (field = 0; field < F_COUNT; field++) {
		if (field > 0)
			*at++ = ',';
		if (n < sizeof(number_columns) / sizeof(number_columns[0]) &&
		    numbers[n].field == field) {
			const struct stats_number *number =
				(const void *)((const char *)unit + numbers[n].number);
			struct number_memo *number_memo = numbers[n].memo < 0 ? NULL :
				(void *)((char *)memo + numbers[n].memo);

			if (ok && !(at = put_number(at, number, number_memo)))
				return field;
			n++;
			continue;
		}
		switch (field) {
		case F_INDICATOR:
			at = put_text_memo(buffer, at, &memo->indicator, indicator->name);
			break;
		case F_INDICATOR_TITLE:
			at = put_text_memo(buffer, at, &memo->title, indicator->title);
			break;
		case F_PERIOD:
			at = put_text_memo(buffer, at, &memo->period, unit->period);
			break;
		case F_PERIOD_STATUS:
			at = put_text_memo(buffer, at, &memo->period_status, unit->period_status);
			break;
		case F_REGION_CODE:
			at = put_text(buffer, at, unit->region_code);
			break;
		case F_REGION_NAME:
			at = put_text(buffer, at, unit->region_name);
			break;
		case F_FLAG95:
		case F_FLAG998:
			at = put_name(at, stats_flag_name(unit->flag[field == F_FLAG998]));
			break;
		case F_STATUS:
			at = put_name(at, stats_status_name(unit->status));
			break;
		case F_SOURCE:
			at = put_text_memo(buffer, at, &memo->source, indicator->source);
			break;
		case F_FLAG95_ADJ:
		case F_FLAG998_ADJ:
			at = put_name(at, stats_flag_name(unit->adjusted_flag[field == F_FLAG998_ADJ]));
			break;
		case F_CHANGE_FLAG:
			at = put_name(at, stats_change_flag_name(unit->change_flag));
			break;
		case F_TREND_SLOPE:
		case F_TREND_LOW:
		case F_TREND_HIGH:
			if (!(at = put_number(at, trend[field - F_TREND_SLOPE], NULL)))
				return field;
			break;
		case F_TREND_FLAG:
			at = put_name(at, stats_trend_flag_name(unit->trend_flag));
			break;
		case F_PEER_FLAG:
			at = put_name(at, stats_flag_name(unit->peer_flag));
			break;
		case F_OE_FLAG:
			at = put_name(at, stats_flag_name(unit->oe_flag));
			break;
		case F_PROVISIONAL:
			at = put_name(at, provisional_name(unit->period_status));
			break;
		case F_HARMONISED:
			at = put_name(at, stats_harmonised_name(unit->harmonised));
			break;
		}
	}
	*at++ = '\n';
	buffer->length = (size_t)(at - buffer->text);
	return -1;
}

/* units per chunk of rows formatted by one thread and written at once */
#define CHUNK_UNITS 1024

/*
 * One indicator's rows being written: a chunk is formatted into a slot's
 * buffer on any thread and written from it in order (stats_parallel_ordered).
 */
struct write_job {
	FILE *fp;
	const char *path;
	const struct stats_indicator *indicator;
	int slots;
	struct {
		struct row_buffer rows;
		struct row_memo memo;
		size_t bad_unit; /* the first unit with a column not finite */
		int bad_field;   /* its column, or -1 */
	} slot[STATS_ORDERED_SLOTS];
};

static void format_chunk(void *arg, size_t chunk, int slot)
{
	struct write_job *job = arg;
	const struct stats_indicator *indicator = job->indicator;
	size_t end = (chunk + 1) * CHUNK_UNITS, i;

	if (end > indicator->unit_count)
		end = indicator->unit_count;
	job->slot[slot].rows.length = 0;
	job->slot[slot].bad_field = -1;
	for (i = chunk * CHUNK_UNITS; i < end; i++)
		if ((job->slot[slot].bad_field =
		     format_unit(&job->slot[slot].rows, &job->slot[slot].memo, indicator,
				 &indicator->units[i])) >= 0) {
			job->slot[slot].bad_unit = i;
			break;
		}
}

static int write_chunk(void *arg, size_t chunk, int slot)
{
	struct write_job *job = arg;
	const struct row_buffer *rows = &job->slot[slot].rows;
	int bad_field = job->slot[slot].bad_field;

	(void)chunk;
	if (rows->length && fwrite(rows->text, 1, rows->length, job->fp) != rows->length) {
		jb_warn("%s: write error:", job->path);
		return JB_EXIT_IOERR;
	}
	if (bad_field >= 0) {
		const struct stats_unit *unit = &job->indicator->units[job->slot[slot].bad_unit];

		jb_warn("%s: internal error: %s %s %s: column %s is not finite", job->path,
			job->indicator->name, unit->period, unit->region_code, header[bad_field]);
		return JB_EXIT_SOFTWARE;
	}
	return JB_EXIT_OK;
}

int stats_write_indicator(FILE *fp, const char *path, const struct stats_indicator *indicator)
{
	struct write_job *job = jb_xcalloc(1, sizeof(*job));
	size_t chunks = (indicator->unit_count + CHUNK_UNITS - 1) / CHUNK_UNITS;
	int rc, i;

	job->fp = fp;
	job->path = path;
	job->indicator = indicator;
	job->slots = stats_ordered_slots();
	for (i = 0; i < job->slots; i++) {
		row_buffer_init(&job->slot[i].rows);
		row_memo_init(&job->slot[i].memo);
	}
	rc = stats_parallel_ordered(chunks, format_chunk, write_chunk, job);
	for (i = 0; i < job->slots; i++) {
		free(job->slot[i].rows.text);
		row_memo_free(&job->slot[i].memo);
	}
	free(job);
	return rc;
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
