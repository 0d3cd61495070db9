/* jb-cbs-server: a loopback server that plays CBS's ODataFeed for the tests. */
#ifndef JB_CBS_SERVER_H
#define JB_CBS_SERVER_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

enum cbs_fault_kind {
	CBS_FAULT_STATUS,       /* --fault MATCH:STATUS */
	CBS_FAULT_HTML,         /* --html-page MATCH: maintenance page with 200 */
	CBS_FAULT_TRUNCATE,     /* --truncate MATCH: half the body, complete response */
	CBS_FAULT_RESET,        /* --reset MATCH: close the connection without answering */
	CBS_FAULT_REDIRECT,     /* --redirect MATCH:URL */
	CBS_FAULT_CONTENT_TYPE, /* --content-type MATCH:TYPE */
	CBS_FAULT_BAD_GZIP      /* --bad-gzip MATCH: Content-Encoding gzip on bytes that are not */
};

struct cbs_fault {
	enum cbs_fault_kind kind;
	char *match;     /* "*", a file stem "TypedDataSet.skip10000" or "TABLE/stem" */
	long status;
	char *value;     /* redirect target or content type */
	unsigned long hits;
};

struct cbs_server {
	const char *root;
	struct cbs_fault *faults;
	size_t fault_count, fault_capacity;
	unsigned long fault_times;  /* 0: every time */
	long delay_ms;
	struct cbs_fault *slow;     /* --slow MATCH:MS (status holds the milliseconds) */
	size_t slow_count, slow_capacity;
	unsigned busy, busy_peak;   /* requests being answered now, and the most at once */
	long retry_after;           /* -1: no Retry-After */
	int gzip;                   /* answer gzip when the client accepts it */
	int validators;             /* send ETag and Last-Modified, answer 304 when they match */
	FILE *log;
	pthread_mutex_t lock;
	struct cbs_packed *packed;  /* gzip forms of served files (server_packed.c) */
	size_t packed_bytes;
};

/* Parses "MATCH:REST" into a fault; -1 when malformed. */
int cbs_fault_add(struct cbs_server *server, enum cbs_fault_kind kind, const char *spec);
/* 1 when match selects the file stem of table_id. */
int cbs_fault_matches(const char *match, const char *table_id, const char *stem);
/*
 * The first fault that applies to this request (counting it as a hit), or
 * NULL.  Thread-safe.
 */
const struct cbs_fault *cbs_fault_find(struct cbs_server *server, const char *table_id,
				       const char *stem);
void cbs_faults_free(struct cbs_server *server);

/* The validators of a file: a weak ETag from its CRC-32 and size, its mtime as an HTTP date. */
void cbs_etag_of(const char *body, size_t len, char *etag, size_t size);
void cbs_http_date(time_t when, char *text, size_t size);
/*
 * 1 when a conditional GET with these header values (NULL when absent) may
 * be answered 304: If-None-Match names etag (weak comparison) or is *, or,
 * without If-None-Match, If-Modified-Since is a date not before mtime.
 */
int cbs_not_modified(const char *if_none_match, const char *if_modified_since, const char *etag,
		     time_t mtime);
/* --slow MATCH:MS; -1 when malformed. */
int cbs_slow_add(struct cbs_server *server, const char *spec);
/* Milliseconds to wait before answering this file (the first --slow that matches, else --delay-ms). */
long cbs_delay_of(const struct cbs_server *server, const char *table_id, const char *stem);

/* The gzip form of bytes; the caller owns *packed.  -1 on failure. */
int cbs_gzip_bytes(const char *bytes, size_t len, char **packed, size_t *packed_len);
/*
 * The gzip form (a copy the caller owns; NULL for an empty file) and the
 * ETag of the file at path, whose stat is info: made once per version of
 * the file (device, inode, size, mtime, ctime) and kept.  -1 when the file
 * cannot be read.  Thread-safe.
 */
int cbs_packed_get(struct cbs_server *server, const char *path, const struct stat *info,
		   char **gz, size_t *gz_len, char *etag, size_t etag_size);
void cbs_packed_free(struct cbs_server *server);

#endif
