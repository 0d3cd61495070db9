#include "tidy_csv.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "xalloc.h"

#define CHUNK (1u << 16)

struct csv_buffer {
	char *text;
	size_t length, capacity, start;
	int at_end;
	char **fields;
	size_t field_capacity;
};

enum scan { SCAN_RECORD, SCAN_MORE, SCAN_OPEN_QUOTE };

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Finds the end of the record at text[0..length): *end is its terminator
 * (or length), *consumed the bytes through the terminator, *lines the line
 * feeds read; *simple when it holds no quote and no CR.
 */
static enum scan find_record(const char *text, size_t length, int at_end, size_t *end,
			     size_t *consumed, unsigned long *lines, int *simple)
{
	const char *feed = memchr(text, '\n', length);
	size_t segment = feed ? (size_t)(feed - text) : length, i;
	int quoted = 0;

	*lines = 0;
	*simple = !memchr(text, '"', segment) && !memchr(text, '\r', segment);
	if (*simple) {
		if (!feed && !at_end)
			return SCAN_MORE;
		*end = segment;
		*consumed = feed ? segment + 1 : segment;
		*lines = feed ? 1 : 0;
		return SCAN_RECORD;
	}
	for (i = 0; i < length; i++) {
		char c = text[i];

		if (quoted) {
			if (c == '"')
				quoted = 0;
			else if (c == '\n')
				++*lines;
			continue;
		}
		if (c == '"') {
			quoted = 1;
		} else if (c == '\n') {
			*end = i;
			*consumed = i + 1;
			++*lines;
			return SCAN_RECORD;
		} else if (c == '\r') {
			if (i + 1 == length && !at_end)
				return SCAN_MORE;
			*end = i;
			*consumed = i + 1 < length && text[i + 1] == '\n' ? i + 2 : i + 1;
			*lines += *consumed == i + 2;
			return SCAN_RECORD;
		}
	}
	if (!at_end)
		return SCAN_MORE;
	if (quoted)
		return SCAN_OPEN_QUOTE;
	*end = *consumed = length;
	return SCAN_RECORD;
}

static void add_field(struct csv_buffer *buffer, size_t *count, char *field)
{
	jb_grow((void **)&buffer->fields, &buffer->field_capacity, *count + 1,
		sizeof(*buffer->fields));
	buffer->fields[(*count)++] = field;
}

/*
 * Splits record[0..end) into NUL-terminated fields in place (quotes
 * removed, "" made "); record[end] is overwritten.  -1 when malformed.
 */
static int split_record(struct csv_buffer *buffer, char *record, size_t end, size_t *count)
{
	size_t i = 0;

	*count = 0;
	for (;;) {
		size_t field_end;

		while (i < end && is_blank(record[i]))
			i++;
		if (i < end && record[i] == '"') {
			size_t write = i;

			add_field(buffer, count, record + write);
			for (i++;; i++) {
				if (i >= end)
					return -1;
				if (record[i] == '"') {
					if (i + 1 < end && record[i + 1] == '"') {
						record[write++] = '"';
						i++;
						continue;
					}
					break;
				}
				record[write++] = record[i];
			}
			for (i++; i < end && is_blank(record[i]); i++)
				;
			record[write] = '\0';
			if (i == end)
				return 0;
			if (record[i] != ',')
				return -1;
			i++;
			continue;
		}
		add_field(buffer, count, record + i);
		field_end = i;
		while (field_end < end && record[field_end] != ',') {
			if (record[field_end] == '"')
				return -1;
			field_end++;
		}
		{
			size_t trimmed = field_end;

			while (trimmed > i && is_blank(record[trimmed - 1]))
				trimmed--;
			if (field_end == end) {
				record[trimmed] = '\0';
				return 0;
			}
			record[trimmed] = '\0';
		}
		i = field_end + 1;
	}
}

/* Fields of a record without quotes or CR: split at commas, blanks trimmed. */
static void split_simple(struct csv_buffer *buffer, char *record, size_t end, size_t *count)
{
	char *at = record, *stop = record + end;

	*count = 0;
	for (;;) {
		char *comma = memchr(at, ',', (size_t)(stop - at));
		char *field_end = comma ? comma : stop, *trimmed = field_end;

		while (at < field_end && is_blank(*at))
			at++;
		while (trimmed > at && is_blank(trimmed[-1]))
			trimmed--;
		*trimmed = '\0';
		add_field(buffer, count, at);
		if (!comma)
			return;
		at = comma + 1;
	}
}

static int only_blanks(const char *record, size_t end)
{
	size_t i;

	for (i = 0; i < end; i++)
		if (!is_blank(record[i]))
			return 0;
	return 1;
}

/* Moves the unread rest to the front and reads more; -1 on a read error. */
static int refill(struct csv_buffer *buffer, FILE *fp, const char *name)
{
	size_t got;

	memmove(buffer->text, buffer->text + buffer->start, buffer->length - buffer->start);
	buffer->length -= buffer->start;
	buffer->start = 0;
	if (buffer->length + 1 >= buffer->capacity) {
		buffer->capacity *= 2;
		buffer->text = jb_xrealloc(buffer->text, buffer->capacity);
	}
	got = fread(buffer->text + buffer->length, 1, buffer->capacity - buffer->length - 1, fp);
	buffer->length += got;
	if (got == 0) {
		if (ferror(fp))
			return jb_error("%s: read error:", name);
		buffer->at_end = 1;
	}
	return 0;
}

int stats_csv_each(FILE *fp, const char *name, jb_csv_row_fn each_row, void *context)
{
	struct csv_buffer buffer = { jb_xmalloc(CHUNK), 0, CHUNK, 0, 0, NULL, 0 };
	unsigned long line = 1;
	int rc = 0;

	for (;;) {
		char *record = buffer.text + buffer.start;
		size_t end, consumed, count;
		unsigned long lines;
		int simple;
		enum scan scan;

		if (buffer.start == buffer.length && buffer.at_end)
			break;
		scan = find_record(record, buffer.length - buffer.start, buffer.at_end, &end,
				   &consumed, &lines, &simple);
		if (scan == SCAN_MORE) {
			if ((rc = refill(&buffer, fp, name)) != 0)
				break;
			continue;
		}
		if (scan == SCAN_OPEN_QUOTE) {
			rc = jb_error("%s:%lu: malformed CSV: a quoted field is not closed", name,
				      line);
			break;
		}
		if (!only_blanks(record, end)) {
			struct jb_csv_row row;

			if (simple)
				split_simple(&buffer, record, end, &count);
			else if (split_record(&buffer, record, end, &count) != 0) {
				rc = jb_error("%s:%lu: malformed CSV: a quote inside an unquoted "
					      "field or text after a closing quote", name, line);
				break;
			}
			row.fields = (const char *const *)buffer.fields;
			row.count = count;
			row.line = line;
			if ((rc = each_row(&row, context)) != 0)
				break;
		}
		line += lines;
		buffer.start += consumed;
	}
	free(buffer.text);
	free(buffer.fields);
	return rc;
}
