#include "reorganisations.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

#define MAX_CHAIN 32

/* "2022-03-24" -> 20220324; -1 when it is not a date. */
static long parse_date(const char *text)
{
	int year, month, day;
	size_t i;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)text[i]))
			return -1;
	year = atoi(text);
	month = atoi(text + 5);
	day = atoi(text + 8);
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return -1;
	return year * 10000L + month * 100L + day;
}

/* "0.4091" -> 409100 millionths; -1 unless 0 < weight <= 1 with at most 6 decimals. */
static long parse_weight(const char *text)
{
	long whole = 0, fraction = 0, scale = JB_WEIGHT_ONE;
	const char *p = text;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p) && whole <= 1)
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p) && scale > 1) {
			scale /= 10;
			fraction += (*p++ - '0') * scale;
		}
	}
	if (*p || whole > 1)
		return -1;
	whole = whole * JB_WEIGHT_ONE + fraction;
	return whole > 0 && whole <= JB_WEIGHT_ONE ? whole : -1;
}

static int is_code(const char *text)
{
	size_t len = strlen(text);

	return len >= 3 && len <= 16 && !strpbrk(text, " \t\r\n,");
}

static int bad_row(const struct jb_csv_table *table, size_t row, const char *what,
		   const char *value)
{
	jb_error("%s:%lu: %s '%s'", table->path, table->lines[row], what, value);
	return JB_EXIT_CONFIG;
}

static int read_changes(const struct jb_csv_table *table, struct jb_reorganisations *reorg)
{
	static const char *const names[] = { "effective_date", "old_code", "old_name",
					     "new_code", "new_name", "weight" };
	int column[6];
	size_t i, row;

	for (i = 0; i < 6; i++) {
		column[i] = jb_csv_column(table, names[i]);
		if (column[i] < 0)
			return JB_EXIT_CONFIG;
	}
	reorg->changes = jb_xcalloc(table->row_count + 1, sizeof(*reorg->changes));
	for (row = 0; row < table->row_count; row++) {
		struct jb_reorg_change *change = &reorg->changes[reorg->count];
		const char *date = jb_csv_cell(table, row, (size_t)column[0]);
		const char *old_code = jb_csv_cell(table, row, (size_t)column[1]);
		const char *new_code = jb_csv_cell(table, row, (size_t)column[3]);
		const char *weight = jb_csv_cell(table, row, (size_t)column[5]);

		change->date = parse_date(date);
		if (change->date < 0)
			return bad_row(table, row, "effective_date is not a date like 2021-01-01:", date);
		if (!is_code(old_code))
			return bad_row(table, row, "old_code is not a region code:", old_code);
		if (!is_code(new_code))
			return bad_row(table, row, "new_code is not a region code:", new_code);
		change->weight = parse_weight(weight);
		if (change->weight < 0)
			return bad_row(table, row, "weight is not a number in (0, 1]:", weight);
		change->old_code = jb_xstrdup(old_code);
		change->old_name = jb_xstrdup(jb_csv_cell(table, row, (size_t)column[2]));
		change->new_code = jb_xstrdup(new_code);
		change->new_name = jb_xstrdup(jb_csv_cell(table, row, (size_t)column[4]));
		change->line = table->lines[row];
		reorg->count++;
	}
	return 0;
}

/* The shares of every code that ends must add up to 1 (within 0.001). */
static int check_weights(const struct jb_reorganisations *reorg)
{
	size_t i, j;

	for (i = 0; i < reorg->count; i++) {
		const struct jb_reorg_change *change = &reorg->changes[i];
		long total = 0;

		if (strcmp(change->old_code, change->new_code) == 0)
			continue;
		for (j = 0; j < reorg->count; j++) {
			const struct jb_reorg_change *other = &reorg->changes[j];

			if (strcmp(other->old_code, change->old_code) == 0 &&
			    other->date == change->date && strcmp(other->old_code, other->new_code) != 0)
				total += other->weight;
		}
		if (labs(total - JB_WEIGHT_ONE) > JB_WEIGHT_ONE / 1000) {
			jb_error("%s:%lu: the weights of %s on this date add up to %.6f, not 1",
				 reorg->path, change->line, change->old_code,
				 (double)total / JB_WEIGHT_ONE);
			return JB_EXIT_CONFIG;
		}
	}
	return 0;
}

int jb_reorg_load(const char *path, struct jb_reorganisations *reorg)
{
	struct jb_csv_table table;
	FILE *probe;
	int status;

	memset(reorg, 0, sizeof(*reorg));
	reorg->path = jb_xstrdup(path);
	probe = fopen(path, "r");
	if (!probe) {
		jb_error("%s: cannot open:", path);
		return JB_EXIT_NOINPUT;
	}
	fclose(probe);
	if (jb_csv_load(path, &table) != 0)
		return JB_EXIT_CONFIG;
	status = read_changes(&table, reorg);
	jb_csv_free(&table);
	if (status == 0)
		status = check_weights(reorg);
	return status;
}

void jb_reorg_free(struct jb_reorganisations *reorg)
{
	size_t i;

	for (i = 0; i < reorg->count; i++) {
		free(reorg->changes[i].old_code);
		free(reorg->changes[i].old_name);
		free(reorg->changes[i].new_code);
		free(reorg->changes[i].new_name);
	}
	free(reorg->changes);
	free(reorg->path);
	memset(reorg, 0, sizeof(*reorg));
}

long jb_reorg_end(const struct jb_reorganisations *reorg, const char *code)
{
	long end = LONG_MAX;
	size_t i;

	for (i = 0; i < reorg->count; i++) {
		const struct jb_reorg_change *change = &reorg->changes[i];

		if (strcmp(change->old_code, code) == 0 && strcmp(change->new_code, code) != 0 &&
		    change->date < end)
			end = change->date;
	}
	return end;
}

/* 1 when code is listed as its own old_code on date: it continues and takes others in. */
static int continues(const struct jb_reorganisations *reorg, const char *code, long date)
{
	size_t i;

	for (i = 0; i < reorg->count; i++) {
		const struct jb_reorg_change *change = &reorg->changes[i];

		if (change->date == date && strcmp(change->old_code, code) == 0 &&
		    strcmp(change->new_code, code) == 0)
			return 1;
	}
	return 0;
}

long jb_reorg_start(const struct jb_reorganisations *reorg, const char *code)
{
	long start = 0;
	size_t i;

	for (i = 0; i < reorg->count; i++) {
		const struct jb_reorg_change *change = &reorg->changes[i];

		if (strcmp(change->new_code, code) != 0 || strcmp(change->old_code, code) == 0 ||
		    change->weight != JB_WEIGHT_ONE || (start && change->date >= start))
			continue;
		if (!continues(reorg, code, change->date))
			start = change->date;
	}
	return start;
}

int jb_reorg_exists(const struct jb_reorganisations *reorg, const char *code, long date)
{
	return jb_reorg_start(reorg, code) <= date && date < jb_reorg_end(reorg, code);
}

static void add_share(struct jb_reorg_share **shares, size_t *count, size_t *capacity,
		      const char *code, long weight)
{
	size_t i;

	for (i = 0; i < *count; i++) {
		if (strcmp((*shares)[i].code, code) == 0) {
			(*shares)[i].weight += weight;
			return;
		}
	}
	jb_grow((void **)shares, capacity, *count + 1, sizeof(**shares));
	(*shares)[*count].code = code;
	(*shares)[*count].weight = weight;
	(*count)++;
}

/* Adds the shares of code (times weight) to the list; -1 when the chain is too long. */
static int resolve(const struct jb_reorganisations *reorg, const char *code, long weight,
		   long boundary_date, int depth, struct jb_reorg_share **shares, size_t *count,
		   size_t *capacity)
{
	long end = jb_reorg_end(reorg, code);
	size_t i;

	if (depth > MAX_CHAIN)
		return -1;
	if (end > boundary_date) {
		for (i = 0; i < reorg->count; i++) {
			if (strcmp(reorg->changes[i].new_code, code) == 0) {
				code = reorg->changes[i].new_code;
				break;
			}
			if (strcmp(reorg->changes[i].old_code, code) == 0) {
				code = reorg->changes[i].old_code;
				break;
			}
		}
		add_share(shares, count, capacity, code, weight);
		return 0;
	}
	for (i = 0; i < reorg->count; i++) {
		const struct jb_reorg_change *change = &reorg->changes[i];
		long share;

		if (change->date != end || strcmp(change->old_code, code) != 0 ||
		    strcmp(change->new_code, code) == 0)
			continue;
		share = (long)(((long long)weight * change->weight + JB_WEIGHT_ONE / 2) /
			       JB_WEIGHT_ONE);
		if (resolve(reorg, change->new_code, share, boundary_date, depth + 1, shares,
			    count, capacity) != 0)
			return -1;
	}
	return 0;
}

size_t jb_reorg_successors(const struct jb_reorganisations *reorg, const char *code,
			   long boundary_date, struct jb_reorg_share **shares)
{
	size_t count = 0, capacity = 0;

	*shares = NULL;
	if (resolve(reorg, code, JB_WEIGHT_ONE, boundary_date, 0, shares, &count,
		    &capacity) != 0) {
		jb_error("%s: the changes of %s loop (more than %d steps)", reorg->path, code,
			 MAX_CHAIN);
		free(*shares);
		*shares = NULL;
		return 0;
	}
	return count;
}

const char *jb_reorg_name(const struct jb_reorganisations *reorg, const char *code)
{
	const char *name = NULL;
	long latest = -1;
	size_t i;

	for (i = 0; i < reorg->count; i++) {
		const struct jb_reorg_change *change = &reorg->changes[i];

		if (strcmp(change->new_code, code) == 0 && change->date >= latest) {
			latest = change->date;
			name = change->new_name;
		}
	}
	return name;
}
