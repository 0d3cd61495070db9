/* gzip and deflate bodies inflated with zlib, into one buffer sized from the gzip trailer. */
#include "decode.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "xalloc.h"

#define FIRST_GUESS ((size_t)1 << 16)
#define SLACK 64 /* room for the last call, which reads the trailer */

enum outcome { INFLATED, NOT_THIS_FORMAT, BROKEN };

/* The decoded size a gzip member states in its trailer (modulo 2^32), or 0. */
static size_t gzip_size(const char *in, size_t len)
{
	const unsigned char *tail = (const unsigned char *)in + len - 4;

	if (len < 18)
		return 0;
	return (size_t)tail[0] | (size_t)tail[1] << 8 | (size_t)tail[2] << 16 |
	       (size_t)tail[3] << 24;
}

/*
 * Inflates in (window_bits as zlib's inflateInit2 takes them) into a new
 * buffer; NOT_THIS_FORMAT when the first bytes do not fit the format.
 * Bytes after the end of the stream are ignored, as libcurl does.
 */
static enum outcome inflate_all(const char *in, size_t in_len, int window_bits, size_t guess,
				char **out, size_t *out_len, unsigned long *check, char *why,
				size_t why_size)
{
	z_stream stream;
	size_t capacity = (guess == 0 ? FIRST_GUESS : guess > JB_DECODE_MAX ? JB_DECODE_MAX : guess) +
			  SLACK,
	       used = 0;
	char *buffer;
	int result;

	memset(&stream, 0, sizeof(stream));
	if (inflateInit2(&stream, window_bits) != Z_OK) {
		snprintf(why, why_size, "cannot start zlib");
		return BROKEN;
	}
	buffer = jb_xmalloc(capacity);
	stream.next_in = (Bytef *)in;
	stream.avail_in = (uInt)in_len; /* the engine keeps bodies below 1 GB */
	for (;;) {
		size_t room;

		if (capacity - used <= 1) {
			if (used >= JB_DECODE_MAX) {
				snprintf(why, why_size, "decodes to more than %zu bytes",
					 JB_DECODE_MAX);
				result = Z_MEM_ERROR;
				break;
			}
			capacity = capacity * 2 > JB_DECODE_MAX + SLACK ? JB_DECODE_MAX + SLACK
								       : capacity * 2;
			buffer = jb_xrealloc(buffer, capacity);
		}
		room = capacity - used - 1;
		stream.next_out = (Bytef *)buffer + used;
		stream.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
		result = inflate(&stream, Z_NO_FLUSH);
		used = (size_t)((char *)stream.next_out - buffer);
		if (result == Z_STREAM_END || (result != Z_OK && result != Z_BUF_ERROR))
			break;
		if (result == Z_BUF_ERROR && stream.avail_in == 0) {
			snprintf(why, why_size, "the compressed body ends early");
			break;
		}
	}
	if (result == Z_STREAM_END) {
		*check = stream.adler;
		inflateEnd(&stream);
		buffer[used] = '\0';
		*out = buffer;
		*out_len = used;
		return INFLATED;
	}
	if (result == Z_DATA_ERROR || result == Z_NEED_DICT) {
		int at_start = stream.total_in <= 2 && used == 0; /* the header was wrong */

		snprintf(why, why_size, "bad compressed data: %s",
			 stream.msg ? stream.msg : "zlib data error");
		inflateEnd(&stream);
		free(buffer);
		return at_start ? NOT_THIS_FORMAT : BROKEN;
	}
	inflateEnd(&stream);
	free(buffer);
	return BROKEN;
}

int jb_decode_body(const char *encoding, char **body, size_t *len, unsigned long *crc,
		   int *has_crc, char *why, size_t why_size)
{
	enum outcome outcome;
	unsigned long check = 0;
	char *decoded = NULL, reason[200] = "";
	size_t decoded_len = 0;
	int gzip;

	*has_crc = 0;
	while (encoding && (*encoding == ' ' || *encoding == '\t'))
		encoding++;
	if (!encoding || !*encoding || strcasecmp(encoding, "identity") == 0)
		return 0;
	gzip = strcasecmp(encoding, "gzip") == 0 || strcasecmp(encoding, "x-gzip") == 0;
	if (!gzip && strcasecmp(encoding, "deflate") != 0) {
		snprintf(why, why_size, "Content-Encoding '%.40s' is not gzip or deflate", encoding);
		return -1;
	}
	if (gzip) {
		outcome = inflate_all(*body, *len, 15 + 16, gzip_size(*body, *len), &decoded,
				      &decoded_len, &check, reason, sizeof(reason));
	} else {
		/* deflate is zlib-wrapped by the standard, raw from some servers */
		outcome = inflate_all(*body, *len, 15, 0, &decoded, &decoded_len, &check, reason,
				      sizeof(reason));
		if (outcome == NOT_THIS_FORMAT)
			outcome = inflate_all(*body, *len, -15, 0, &decoded, &decoded_len, &check,
					      reason, sizeof(reason));
	}
	if (outcome != INFLATED) {
		snprintf(why, why_size, "Content-Encoding %s: %s", gzip ? "gzip" : "deflate",
			 reason);
		return -1;
	}
	free(*body);
	*body = decoded;
	*len = decoded_len;
	if (gzip) {
		*crc = check;
		*has_crc = 1;
	}
	return 0;
}
