/*
 * The gzip form of each served file, made once per version of the file, as
 * a server with precompressed content keeps it: on the loopback the
 * server shares the client's cores, so compressing every answer again
 * would be measured as the client's time.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "atomic.h"
#include "server.h"
#include "xalloc.h"

/* Compressed bytes kept at most; beyond that answers are compressed each time. */
#define PACKED_LIMIT ((size_t)512 << 20)

struct cbs_packed {
	struct cbs_packed *next;
	char *path;
	struct stat info;   /* the version: device, inode, size, mtime, ctime */
	char *gz;           /* NULL: an empty file (sent as it is) */
	size_t gz_len;
	char etag[64];
};

static int same_version(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

int cbs_gzip_bytes(const char *bytes, size_t len, char **packed, size_t *packed_len)
{
	z_stream stream;
	size_t bound, done = 0;
	int flush, result;

	memset(&stream, 0, sizeof(stream));
	if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&stream, (uLong)len) + 32;
	*packed = jb_xmalloc(bound);
	stream.next_out = (Bytef *)*packed;
	do {
		size_t slice = len - done > 0x40000000u ? 0x40000000u : len - done;

		stream.next_in = (Bytef *)bytes + done;
		stream.avail_in = (uInt)slice;
		stream.avail_out = (uInt)(bound - (size_t)((char *)stream.next_out - *packed));
		done += slice;
		flush = done == len ? Z_FINISH : Z_NO_FLUSH;
		result = deflate(&stream, flush);
	} while (flush != Z_FINISH && result == Z_OK);
	if (result != Z_STREAM_END) {
		deflateEnd(&stream);
		free(*packed);
		*packed = NULL;
		return -1;
	}
	*packed_len = (size_t)((char *)stream.next_out - *packed);
	deflateEnd(&stream);
	return 0;
}

static char *copy_of(const char *bytes, size_t len)
{
	char *copy = jb_xmalloc(len ? len : 1);

	memcpy(copy, bytes, len);
	return copy;
}

/* The entry of path in this version, or NULL; the caller holds the lock. */
static struct cbs_packed *find(struct cbs_server *server, const char *path,
			       const struct stat *info)
{
	struct cbs_packed *entry;

	for (entry = server->packed; entry; entry = entry->next)
		if (strcmp(entry->path, path) == 0 && same_version(&entry->info, info))
			return entry;
	return NULL;
}

/* Makes the entry of path (read, ETag, gzip); NULL when the file cannot be read. */
static struct cbs_packed *make(const char *path, const struct stat *info)
{
	struct cbs_packed *entry;
	char *body;
	size_t len;

	if (jb_read_file(path, &body, &len) != 0)
		return NULL;
	entry = jb_xcalloc(1, sizeof(*entry));
	entry->path = jb_xstrdup(path);
	entry->info = *info;
	cbs_etag_of(body, len, entry->etag, sizeof(entry->etag));
	if (len > 0 && cbs_gzip_bytes(body, len, &entry->gz, &entry->gz_len) != 0) {
		free(body);
		free(entry->path);
		free(entry);
		return NULL;
	}
	free(body);
	return entry;
}

int cbs_packed_get(struct cbs_server *server, const char *path, const struct stat *info,
		   char **gz, size_t *gz_len, char *etag, size_t etag_size)
{
	struct cbs_packed *entry, **at;
	int kept = 0;

	pthread_mutex_lock(&server->lock);
	entry = find(server, path, info);
	if (entry) {
		*gz = entry->gz ? copy_of(entry->gz, entry->gz_len) : NULL;
		*gz_len = entry->gz_len;
		snprintf(etag, etag_size, "%s", entry->etag);
		pthread_mutex_unlock(&server->lock);
		return 0;
	}
	pthread_mutex_unlock(&server->lock);
	entry = make(path, info); /* outside the lock: other answers go on */
	if (!entry)
		return -1;
	*gz = entry->gz ? copy_of(entry->gz, entry->gz_len) : NULL;
	*gz_len = entry->gz_len;
	snprintf(etag, etag_size, "%s", entry->etag);
	pthread_mutex_lock(&server->lock);
	for (at = &server->packed; *at; at = &(*at)->next)
		if (strcmp((*at)->path, path) == 0) {
			struct cbs_packed *old = *at; /* an older version, or the same made twice */

			*at = old->next;
			server->packed_bytes -= old->gz_len;
			free(old->gz);
			free(old->path);
			free(old);
			break;
		}
	if (server->packed_bytes + entry->gz_len <= PACKED_LIMIT) {
		entry->next = server->packed;
		server->packed = entry;
		server->packed_bytes += entry->gz_len;
		kept = 1;
	}
	pthread_mutex_unlock(&server->lock);
	if (!kept) {
		free(entry->gz);
		free(entry->path);
		free(entry);
	}
	return 0;
}

void cbs_packed_free(struct cbs_server *server)
{
	while (server->packed) {
		struct cbs_packed *entry = server->packed;

		server->packed = entry->next;
		free(entry->gz);
		free(entry->path);
		free(entry);
	}
	server->packed_bytes = 0;
}
