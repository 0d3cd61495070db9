#include "tidy_write.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

static const char *const tidy_header[] = {
	"region_code", "region_name", "region_type", "period", "period_status",
	"measure_key", "measure_title", "unit", "value", "status", "harmonised",
	"category_dimension", "category_key", "category_title",
};
#define TIDY_COLUMNS (sizeof(tidy_header) / sizeof(tidy_header[0]))
#define FLUSH_AT (1024 * 1024)

char *jb_tidy_info_path(const char *data_path)
{
	size_t len = strlen(data_path);

	if (len <= 4 || strcmp(data_path + len - 4, ".csv") != 0 || data_path[len - 5] == '/')
		return NULL;
	return jb_xasprintf("%.*s.info.csv", (int)(len - 4), data_path);
}

static int write_error(const char *path)
{
	jb_error("%s: write error:", path);
	return JB_EXIT_IOERR;
}

int jb_tidy_open(struct jb_tidy_output *output, const char *data_path)
{
	memset(output, 0, sizeof(*output));
	output->info_path = jb_tidy_info_path(data_path);
	if (!output->info_path) {
		jb_error("%s: the output name must end in .csv", data_path);
		return JB_EXIT_USAGE;
	}
	if (jb_atomic_open(&output->data, data_path) != 0) {
		free(output->info_path);
		output->info_path = NULL;
		return JB_EXIT_CANTCREAT;
	}
	if (jb_atomic_open(&output->info, output->info_path) != 0) {
		jb_atomic_abort(&output->data);
		free(output->info_path);
		output->info_path = NULL;
		return JB_EXIT_CANTCREAT;
	}
	if (jb_csv_write_row(output->data.fp, tidy_header, TIDY_COLUMNS) != 0)
		return write_error(output->data.path);
	return 0;
}

static int flush_rows(struct jb_tidy_output *output)
{
	if (output->used && fwrite(output->buffer, 1, output->used, output->data.fp) != output->used)
		return write_error(output->data.path);
	output->used = 0;
	return 0;
}

/* Appends one field, quoted as jb_csv_write_row quotes it (same bytes, without stdio per field). */
static void append_field(struct jb_tidy_output *output, const char *field, int last)
{
	size_t len = field ? strlen(field) : 0, i, quotes = 0, need;
	int quoted = len && (field[0] == ' ' || field[len - 1] == ' ');
	char *out;

	for (i = 0; i < len; i++) {
		char c = field[i];

		if (c == ',' || c == '\r' || c == '\n')
			quoted = 1;
		else if (c == '"')
			quoted = 1, quotes++;
	}
	need = output->used + len + quotes + 3;
	if (need > output->capacity)
		jb_grow((void **)&output->buffer, &output->capacity, need, 1);
	out = output->buffer + output->used;
	if (!quoted) {
		memcpy(out, field, len);
		out += len;
	} else {
		*out++ = '"';
		for (i = 0; i < len; i++) {
			if (field[i] == '"')
				*out++ = '"';
			*out++ = field[i];
		}
		*out++ = '"';
	}
	*out++ = last ? '\n' : ',';
	output->used = (size_t)(out - output->buffer);
}

int jb_tidy_write_row(struct jb_tidy_output *output, const struct jb_tidy_row *row)
{
	const char *fields[] = {
		row->region_code, row->region_name, row->region_type, row->period,
		row->period_status, row->measure_key, row->measure_title, row->unit,
		row->value, row->status, row->harmonised,
		row->category_dimension, row->category_key, row->category_title,
	};
	size_t i;

	for (i = 0; i < TIDY_COLUMNS; i++)
		append_field(output, fields[i], i + 1 == TIDY_COLUMNS);
	return output->used >= FLUSH_AT ? flush_rows(output) : 0;
}

/* The fields in the buffer after mark, moved out into a string of its own; the caller owns it. */
static char *take_fields(struct jb_tidy_output *output, size_t mark, size_t *len)
{
	char *fields;

	*len = output->used - mark;
	fields = jb_xstrndup(output->buffer + mark, *len);
	output->used = mark;
	return fields;
}

static void forget_topics(struct jb_tidy_output *output)
{
	size_t i;

	for (i = 0; i < output->topic_count; i++)
		free(output->topic_fields[i]);
	free(output->topic_fields);
	free(output->topic_lens);
	output->topic_fields = NULL;
	output->topic_lens = NULL;
	output->topics = NULL;
	output->topic_count = 0;
}

static void append_bytes(struct jb_tidy_output *output, const char *bytes, size_t len)
{
	if (output->used + len > output->capacity)
		jb_grow((void **)&output->buffer, &output->capacity, output->used + len, 1);
	memcpy(output->buffer + output->used, bytes, len);
	output->used += len;
}

int jb_tidy_write_entry(struct jb_tidy_output *output, const struct jb_tidy_row *row,
			const struct jb_topic *topics, size_t topic_count, const char *const *values,
			const char *const *statuses)
{
	const char *head[] = { row->region_code, row->region_name, row->region_type,
			       row->period, row->period_status };
	const char *tail[] = { row->harmonised, row->category_dimension, row->category_key,
			       row->category_title };
	size_t i, mark = output->used, head_len, tail_len;
	char *fields;

	if (output->topics != topics || output->topic_count != topic_count) {
		forget_topics(output);
		output->topic_fields = jb_xcalloc(topic_count + 1, sizeof(*output->topic_fields));
		output->topic_lens = jb_xcalloc(topic_count + 1, sizeof(*output->topic_lens));
		for (i = 0; i < topic_count; i++) {
			append_field(output, topics[i].key, 0);
			append_field(output, topics[i].title, 0);
			append_field(output, topics[i].unit, 0);
			output->topic_fields[i] = take_fields(output, mark, &output->topic_lens[i]);
		}
		output->topics = topics;
		output->topic_count = topic_count;
	}
	for (i = 0; i < 5; i++)
		append_field(output, head[i], 0);
	head_len = output->used - mark;
	for (i = 0; i < 4; i++)
		append_field(output, tail[i], i == 3);
	tail_len = output->used - mark - head_len;
	jb_grow((void **)&output->entry_fields, &output->entry_capacity, head_len + tail_len, 1);
	fields = output->entry_fields;
	memcpy(fields, output->buffer + mark, head_len + tail_len);
	output->used = mark;
	for (i = 0; i < topic_count; i++) {
		append_bytes(output, fields, head_len);
		append_bytes(output, output->topic_fields[i], output->topic_lens[i]);
		append_field(output, values[i], 0);
		append_field(output, statuses[i], 0);
		append_bytes(output, fields + head_len, tail_len);
	}
	return output->used >= FLUSH_AT ? flush_rows(output) : 0;
}

int jb_tidy_write_info(struct jb_tidy_output *output, const struct jb_table_meta *meta)
{
	const char *rows[][2] = {
		{ "key", "value" },
		{ "id", meta->id },
		{ "title", meta->title },
		{ "modified", meta->modified },
		{ "period", meta->period },
		{ "short_description", meta->short_description },
		{ "synthetic", jb_metadata_is_synthetic(meta) ? "yes" : "no" },
		{ "status", meta->output_status },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (jb_csv_write_row(output->info.fp, rows[i], 2) != 0)
			return write_error(output->info.path);
	return 0;
}

int jb_tidy_commit(struct jb_tidy_output *output)
{
	int status = 0;

	/* both reach the disk before either replaces its target */
	if (flush_rows(output) != 0)
		status = JB_EXIT_IOERR;
	else if (fflush(output->data.fp) != 0 || ferror(output->data.fp))
		status = write_error(output->data.path);
	else if (fflush(output->info.fp) != 0 || ferror(output->info.fp))
		status = write_error(output->info.path);
	else if (jb_atomic_commit(&output->info) != 0)
		status = JB_EXIT_IOERR;
	else if (jb_atomic_commit(&output->data) != 0)
		status = JB_EXIT_IOERR;
	jb_tidy_abort(output);
	return status;
}

void jb_tidy_abort(struct jb_tidy_output *output)
{
	if (output->data.fp || output->data.tmp_path)
		jb_atomic_abort(&output->data);
	if (output->info.fp || output->info.tmp_path)
		jb_atomic_abort(&output->info);
	free(output->info_path);
	output->info_path = NULL;
	free(output->buffer);
	output->buffer = NULL;
	output->used = output->capacity = 0;
	forget_topics(output);
	free(output->entry_fields);
	output->entry_fields = NULL;
	output->entry_capacity = 0;
}
