#include "csvio.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "xalloc.h"

int jb_csv_write_row(FILE *fp, const char *const *fields, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const char *field = fields[i] ? fields[i] : "";
		size_t len = strlen(field);

		if (i > 0 && fputc(',', fp) == EOF)
			return -1;
		if (strpbrk(field, ",\"\r\n") || (len && (field[0] == ' ' || field[len - 1] == ' '))) {
			if (csv_fwrite(fp, field, len) != 0)
				return -1;
		} else if (len && fwrite(field, 1, len, fp) != len) {
			return -1;
		}
	}
	return fputc('\n', fp) == EOF ? -1 : 0;
}

struct csv_reader {
	const char *name;
	jb_csv_row_fn each_row;
	void *context;
	char **fields;
	size_t count, capacity;
	unsigned long line, record_line;
	int stop;
};

static void reader_field(void *text, size_t len, void *data)
{
	struct csv_reader *reader = data;

	if (reader->stop)
		return;
	jb_grow((void **)&reader->fields, &reader->capacity, reader->count + 1,
		sizeof(*reader->fields));
	reader->fields[reader->count++] = jb_xstrndup(text ? text : "", text ? len : 0);
}

static void reader_record(int terminator, void *data)
{
	struct csv_reader *reader = data;
	struct jb_csv_row row;
	size_t i;

	(void)terminator;
	if (!reader->stop && reader->count > 0) {
		row.fields = (const char *const *)reader->fields;
		row.count = reader->count;
		row.line = reader->record_line;
		reader->stop = reader->each_row(&row, reader->context);
	}
	for (i = 0; i < reader->count; i++)
		free(reader->fields[i]);
	reader->count = 0;
}

/* Counts line ends in a chunk to know the line of the next record. */
static void reader_feed_lines(struct csv_reader *reader, struct csv_parser *parser,
			      const char *chunk, size_t len, size_t *parsed)
{
	size_t start = 0, i;

	for (i = 0; i < len; i++) {
		if (chunk[i] != '\n')
			continue;
		/* parse through the newline, then note where the next record may start */
		*parsed += csv_parse(parser, chunk + start, i + 1 - start, reader_field,
				     reader_record, reader);
		start = i + 1;
		reader->line++;
		if (reader->count == 0)
			reader->record_line = reader->line;
	}
	if (start < len)
		*parsed += csv_parse(parser, chunk + start, len - start, reader_field,
				     reader_record, reader);
}

int jb_csv_each_stream(FILE *fp, const char *name, jb_csv_row_fn each_row, void *context)
{
	struct csv_parser parser;
	struct csv_reader reader = { name, each_row, context, NULL, 0, 0, 1, 1, 0 };
	char chunk[65536];
	size_t got, parsed;
	int rc = 0;

	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return jb_error("%s: cannot start the CSV parser", name);
	while (!reader.stop && (got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		parsed = 0;
		reader_feed_lines(&reader, &parser, chunk, got, &parsed);
		if (parsed != got && !reader.stop) {
			rc = jb_error("%s:%lu: malformed CSV: %s", name, reader.line,
				      csv_strerror(csv_error(&parser)));
			break;
		}
	}
	if (rc == 0 && !reader.stop && ferror(fp))
		rc = jb_error("%s: read error:", name);
	if (rc == 0 && !reader.stop &&
	    csv_fini(&parser, reader_field, reader_record, &reader) != 0)
		rc = jb_error("%s:%lu: malformed CSV: %s", name, reader.line,
			      csv_strerror(csv_error(&parser)));
	csv_free(&parser);
	for (got = 0; got < reader.count; got++)
		free(reader.fields[got]);
	free(reader.fields);
	if (rc == 0 && reader.stop)
		rc = reader.stop;
	return rc;
}

int jb_csv_each(const char *path, jb_csv_row_fn each_row, void *context)
{
	FILE *fp = fopen(path, "rb");
	int rc;

	if (!fp)
		return jb_error("%s: cannot open:", path);
	rc = jb_csv_each_stream(fp, path, each_row, context);
	fclose(fp);
	return rc;
}

static int table_add_row(const struct jb_csv_row *row, void *context)
{
	struct jb_csv_table *table = context;
	size_t i;

	if (row->line == 1 && table->header == NULL) {
		table->column_count = row->count;
		table->header = jb_xcalloc(row->count, sizeof(char *));
		for (i = 0; i < row->count; i++)
			table->header[i] = jb_xstrdup(row->fields[i]);
		return 0;
	}
	if (row->count != table->column_count) {
		jb_warn("%s:%lu: %zu fields where the header has %zu", table->path,
			row->line, row->count, table->column_count);
		return -1;
	}
	if (table->row_count + 1 > table->capacity) {
		jb_grow((void **)&table->lines, &table->capacity, table->row_count + 1,
			sizeof(*table->lines));
		table->cells = jb_xrealloc(table->cells, table->capacity * table->column_count *
					   sizeof(char *));
	}
	for (i = 0; i < row->count; i++)
		table->cells[table->row_count * table->column_count + i] =
			jb_xstrdup(row->fields[i]);
	table->lines[table->row_count++] = row->line;
	return 0;
}

int jb_csv_load(const char *path, struct jb_csv_table *table)
{
	memset(table, 0, sizeof(*table));
	table->path = jb_xstrdup(path);
	if (jb_csv_each(path, table_add_row, table) != 0) {
		jb_csv_free(table);
		return -1;
	}
	if (!table->header) {
		jb_csv_free(table);
		return jb_error("%s: empty file, expected a header line", path);
	}
	return 0;
}

void jb_csv_free(struct jb_csv_table *table)
{
	size_t i;

	for (i = 0; table->header && i < table->column_count; i++)
		free(table->header[i]);
	for (i = 0; i < table->row_count * table->column_count; i++)
		free(table->cells[i]);
	free(table->header);
	free(table->cells);
	free(table->lines);
	free(table->path);
	memset(table, 0, sizeof(*table));
}

int jb_csv_column(const struct jb_csv_table *table, const char *name)
{
	size_t i;

	for (i = 0; i < table->column_count; i++)
		if (strcmp(table->header[i], name) == 0)
			return (int)i;
	jb_warn("%s:1: no column '%s'", table->path, name);
	return -1;
}

const char *jb_csv_cell(const struct jb_csv_table *table, size_t row, size_t column)
{
	return table->cells[row * table->column_count + column];
}
