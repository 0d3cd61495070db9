#include "tidy_csv.h"
#include "tidy_csv_scan.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "msg.h"
#include "parallel.h"
#include "xalloc.h"

#define CHUNK (1u << 16)

enum scan { SCAN_RECORD, SCAN_MORE, SCAN_OPEN_QUOTE };

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Finds the end of the record at text[0..length), quotes and CR and all:
 * *end is its terminator (or length), *consumed the bytes through the
 * terminator, *lines the line feeds read.
 */
static enum scan find_record(const char *text, size_t length, int at_end, size_t *end,
			     size_t *consumed, unsigned long *lines)
{
	size_t i;
	int quoted = 0;

	*lines = 0;
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
	if (buffer->field_base + *count + 1 > buffer->field_capacity)
		jb_grow((void **)&buffer->fields, &buffer->field_capacity,
			buffer->field_base + *count + 1, sizeof(*buffer->fields));
	buffer->fields[buffer->field_base + (*count)++] = field;
}

enum { PLAIN, COMMA, FEED, QUOTE_OR_CR };
static const unsigned char byte_class[256] = {
	[','] = COMMA, ['\n'] = FEED, ['"'] = QUOTE_OR_CR, ['\r'] = QUOTE_OR_CR
};

enum simple { SIMPLE_RECORD, SIMPLE_MORE, NOT_SIMPLE };

/* The first comma, LF, quote or CR in text[from..length), 16 bytes a step where SSE2 is; else length. */
static size_t next_special(const char *text, size_t from, size_t length)
{
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), feed = _mm_set1_epi8('\n');
	const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');

	for (; from + 16 <= length; from += 16) {
		__m128i block = _mm_loadu_si128((const __m128i *)(const void *)(text + from));
		__m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, comma),
							 _mm_cmpeq_epi8(block, feed)),
					    _mm_or_si128(_mm_cmpeq_epi8(block, quote),
							 _mm_cmpeq_epi8(block, cr)));
		unsigned mask = (unsigned)_mm_movemask_epi8(hits);

		if (mask)
			return from + (size_t)__builtin_ctz(mask);
	}
#endif
	while (from < length && byte_class[(unsigned char)text[from]] == PLAIN)
		from++;
	return from;
}

/*
 * The common record, without quotes or CR, in one pass: its fields split at
 * commas, blanks trimmed, NUL-terminated in place, as find_record and
 * split_simple would; *count 0 for a blank line.  SIMPLE_MORE when the
 * record does not end within text[0..length) before the input's end;
 * NOT_SIMPLE when it holds a quote or CR.  Either leaves the text as it was.
 */
static enum simple scan_simple(struct csv_buffer *buffer, char *text, size_t length, int at_end,
			       size_t *consumed, size_t *count, unsigned long *lines)
{
	size_t i, fields = 1, k;
	char **starts;
	int blank = 0;

	if (buffer->field_base + 1 > buffer->field_capacity)
		jb_grow((void **)&buffer->fields, &buffer->field_capacity, buffer->field_base + 1,
			sizeof(*buffer->fields));
	buffer->fields[buffer->field_base] = text;
	for (i = next_special(text, 0, length); i < length; i = next_special(text, i + 1, length)) {
		unsigned char class = byte_class[(unsigned char)text[i]];

		if (class == FEED)
			break;
		if (class == QUOTE_OR_CR)
			return NOT_SIMPLE;
		if (buffer->field_base + fields + 1 > buffer->field_capacity)
			jb_grow((void **)&buffer->fields, &buffer->field_capacity,
				buffer->field_base + fields + 1, sizeof(*buffer->fields));
		buffer->fields[buffer->field_base + fields++] = text + i + 1;
	}
	if (i == length && !at_end)
		return SIMPLE_MORE;
	*consumed = i < length ? i + 1 : i;
	*lines = i < length;
	/* field k runs from its start to the comma before field k + 1, the last to the record's end */
	starts = buffer->fields + buffer->field_base;
	for (k = 0; k < fields; k++) {
		char *start = starts[k], *end = k + 1 < fields ? starts[k + 1] - 1 : text + i;

		while (start < end && is_blank(*start))
			start++;
		while (end > start && is_blank(end[-1]))
			end--;
		*end = '\0';
		starts[k] = start;
		blank = fields == 1 && start == end;
	}
	*count = blank ? 0 : fields;
	return SIMPLE_RECORD;
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

static int only_blanks(const char *record, size_t end)
{
	size_t i;

	for (i = 0; i < end; i++)
		if (!is_blank(record[i]))
			return 0;
	return 1;
}

/* Moves the unread rest to the front and reads more; -1 on a read error (errno set). */
static int refill(struct csv_buffer *buffer, FILE *fp)
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
			return -1;
		buffer->at_end = 1;
	}
	return 0;
}

/*
 * Reads fp record by record into sink; SCAN_OK when the input ended or the
 * sink stopped (*stopped its return), else the error and *error_line.
 */
enum scan_error csv_scan(FILE *fp, struct csv_buffer *buffer, struct csv_sink *sink,
				int *stopped, unsigned long *error_line)
{
	unsigned long line = 1;

	*stopped = 0;
	for (;;) {
		char *record = buffer->text + buffer->start;
		size_t end, consumed, count;
		unsigned long lines;
		enum simple simple;
		enum scan scan;

		if (buffer->start == buffer->length && buffer->at_end)
			return SCAN_OK;
		simple = scan_simple(buffer, record, buffer->length - buffer->start, buffer->at_end,
				     &consumed, &count, &lines);
		if (simple == NOT_SIMPLE) {
			/* quotes or CR: the general scan, a blank line has no fields */
			scan = find_record(record, buffer->length - buffer->start, buffer->at_end,
					   &end, &consumed, &lines);
			count = 0;
			if (scan == SCAN_RECORD && !only_blanks(record, end) &&
			    split_record(buffer, record, end, &count) != 0) {
				*error_line = line;
				return SCAN_ERROR_QUOTE;
			}
		} else {
			scan = simple == SIMPLE_MORE ? SCAN_MORE : SCAN_RECORD;
		}
		if (scan == SCAN_MORE) {
			if (sink->before_refill && (*stopped = sink->before_refill(sink, buffer)) != 0)
				return SCAN_OK;
			if (refill(buffer, fp) != 0) {
				*error_line = line;
				return SCAN_ERROR_READ;
			}
			continue;
		}
		if (scan == SCAN_OPEN_QUOTE) {
			*error_line = line;
			return SCAN_ERROR_OPEN_QUOTE;
		}
		if (count) {
			struct jb_csv_row row;

			row.fields = (const char *const *)buffer->fields + buffer->field_base;
			row.count = count;
			row.line = line;
			if ((*stopped = sink->row(sink, &row)) != 0)
				return SCAN_OK;
		}
		line += lines;
		buffer->start += consumed;
	}
}

int csv_scan_message(enum scan_error error, const char *name, unsigned long line,
			      int error_number)
{
	switch (error) {
	case SCAN_OK:
		break;
	case SCAN_ERROR_OPEN_QUOTE:
		return jb_error("%s:%lu: malformed CSV: a quoted field is not closed", name, line);
	case SCAN_ERROR_QUOTE:
		return jb_error("%s:%lu: malformed CSV: a quote inside an unquoted field or text "
				"after a closing quote", name, line);
	case SCAN_ERROR_READ:
		errno = error_number;
		return jb_error("%s: read error:", name);
	}
	return 0;
}

/* The caller's callback, record by record on its own thread. */
struct direct_sink {
	struct csv_sink sink;
	jb_csv_row_fn each_row;
	void *context;
};

static int direct_row(struct csv_sink *sink, const struct jb_csv_row *row)
{
	struct direct_sink *direct = (struct direct_sink *)sink;

	return direct->each_row(row, direct->context);
}

size_t stats_csv_thread_bytes = 4u << 20;

/* A regular file of at least stats_csv_thread_bytes (any input when that is 0). */
static int worth_a_thread(FILE *fp)
{
	struct stat status;
	int fd = fileno(fp);

	if (stats_csv_thread_bytes == 0)
		return 1;
	return fd >= 0 && fstat(fd, &status) == 0 && S_ISREG(status.st_mode) &&
	       (uintmax_t)status.st_size >= stats_csv_thread_bytes;
}

int stats_csv_each(FILE *fp, const char *name, jb_csv_row_fn each_row, void *context)
{
	struct direct_sink direct = { { direct_row, NULL }, each_row, context };
	struct csv_buffer buffer = { NULL, 0, CHUNK, 0, 0, NULL, 0, 0 };
	unsigned long error_line = 0;
	enum scan_error error;
	int stopped, rc;

	if (stats_threads > 1 && worth_a_thread(fp) &&
	    (rc = stats_csv_each_threaded(fp, name, each_row, context)) != -2)
		return rc;
	buffer.text = jb_xmalloc(CHUNK);
	error = csv_scan(fp, &buffer, &direct.sink, &stopped, &error_line);
	rc = stopped ? stopped : csv_scan_message(error, name, error_line, errno);
	free(buffer.text);
	free(buffer.fields);
	return rc;
}
