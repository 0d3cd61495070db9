/*
 * jb-cbs-server: serves a folder in the snapshot layout as CBS's ODataFeed
 * on 127.0.0.1, with faults on request, so that jb-fetch can be tested
 * without a network.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#include "atomic.h"
#include "exitcode.h"
#include "msg.h"
#include "odata.h"
#include "server.h"
#include "xalloc.h"

#define MAINTENANCE_PAGE                                                                   \
	"<!DOCTYPE html>\n<html><head><title>Onderhoud</title></head>\n"                   \
	"<body><h1>StatLine is tijdelijk niet beschikbaar</h1></body></html>\n"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-cbs-server --root DIR [--port N] [--port-file FILE] [options]\n"
		"Serves GET /<catalog>/odata/<TABLE>/<EntitySet>[/][?$skip=N] from\n"
		"DIR/<TABLE>/<EntitySet>[.skipN].xml on 127.0.0.1 (404 when missing), as\n"
		"application/atom+xml;charset=utf-8; with $format=json, and OData v4 paths\n"
		"/<catalog>/<TABLE>/<EntitySet>, the .json file as application/json.\n"
		"The log line of a request ends with busy=N (requests being answered at\n"
		"that moment, this one included) and ms=T (since the start), then if=etag\n"
		"or if=date when it carried If-None-Match or (only) If-Modified-Since.\n"
		"Prints the port on stdout; stops on\n"
		"SIGTERM or SIGINT.  MATCH is a file stem (TypedDataSet.skip10000), TABLE/stem,\n"
		"or * for every request.\n"
		"\n"
		"options:\n"
		"  --root DIR              folder of <TABLE>/<file>.xml (required)\n"
		"  --port N                port (default 0: any free port)\n"
		"  --port-file FILE        write the port to FILE once listening\n"
		"  --log FILE              append one line per request: METHOD PATH STATUS\n"
		"  --fault MATCH:STATUS    answer STATUS instead of the file\n"
		"  --fault-times N         apply each fault to the first N matching requests only\n"
		"  --html-page MATCH       answer a maintenance HTML page with 200\n"
		"  --truncate MATCH        answer the first half of the file\n"
		"  --reset MATCH           close the connection without an answer\n"
		"  --redirect MATCH:URL    answer 302 with Location URL\n"
		"  --content-type MATCH:TYPE  answer with this Content-Type\n"
		"  --bad-gzip MATCH        answer the file uncompressed but labelled Content-Encoding gzip\n"
		"  --retry-after S         add Retry-After: S to fault answers\n"
		"  --delay-ms N            wait N ms before every answer\n"
		"  --slow MATCH:MS         wait MS ms before answering MATCH (instead of --delay-ms)\n"
		"  --no-gzip               never compress (default: gzip when accepted)\n"
		"  --tls-cert FILE --tls-key FILE\n"
		"                          answer HTTPS with this PEM certificate and key\n"
		"  --no-validators         send no ETag or Last-Modified and never 304 (default:\n"
		"                          ETag W/\"<crc32>-<size>\" of the file, Last-Modified its\n"
		"                          mtime, 304 to a matching If-None-Match or If-Modified-Since)\n"
		"  -h, --help              this help\n"
		"\n"
		"exit status: 0 stopped by a signal, 64 usage, 66 root missing, 69 cannot listen,\n"
		"  73 cannot write the port or log file\n");
}

struct query_text {
	char text[1024];
	size_t len;
};

static enum MHD_Result append_argument(void *context, enum MHD_ValueKind kind,
				       const char *key, const char *value)
{
	struct query_text *query = context;
	int written;

	(void)kind;
	written = snprintf(query->text + query->len, sizeof(query->text) - query->len, "%c%s=%s",
			   query->len ? '&' : '?', key, value ? value : "");
	if (written > 0 && (size_t)written < sizeof(query->text) - query->len)
		query->len += (size_t)written;
	return MHD_YES;
}

static long long started_ms;

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The number of requests being answered, this one included, when it came in. */
static __thread unsigned this_busy;

static void log_request(struct cbs_server *server, struct MHD_Connection *connection,
			const char *method, const char *url, int status)
{
	struct query_text query = { "", 0 };
	const char *condition;

	if (!server->log)
		return;
	MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, append_argument, &query);
	condition = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
						MHD_HTTP_HEADER_IF_NONE_MATCH)
			    ? " if=etag"
		    : MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
						  MHD_HTTP_HEADER_IF_MODIFIED_SINCE)
			    ? " if=date"
			    : "";
	pthread_mutex_lock(&server->lock);
	fprintf(server->log, "%s %s%s %d busy=%u ms=%lld%s\n", method, url, query.text, status,
		this_busy, now_ms() - started_ms, condition);
	fflush(server->log);
	pthread_mutex_unlock(&server->lock);
}

static int accepts_gzip(struct MHD_Connection *connection)
{
	const char *accepted = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
							   MHD_HTTP_HEADER_ACCEPT_ENCODING);

	return accepted && strstr(accepted, "gzip") != NULL;
}

struct validators {
	char etag[64];
	char last_modified[64];
};

/*
 * Queues body (taking ownership) with status, content type and validators
 * (NULL: none); packed: body is gzip already, else it is compressed here
 * when the client accepts gzip.
 */
static enum MHD_Result answer_with(struct cbs_server *server, struct MHD_Connection *connection,
				   unsigned status, char *body, size_t len,
				   const char *content_type, const struct cbs_fault *fault,
				   const struct validators *validators, int packed)
{
	struct MHD_Response *response;
	enum MHD_Result queued;
	char number[32];

	if (!packed && server->gzip && len > 0 && accepts_gzip(connection)) {
		char *gz;
		size_t gz_len;

		if (cbs_gzip_bytes(body, len, &gz, &gz_len) == 0) {
			free(body);
			body = gz;
			len = gz_len;
			packed = 1;
		}
	}
	response = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!response) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	if (packed)
		MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (fault && fault->kind == CBS_FAULT_STATUS && server->retry_after >= 0) {
		snprintf(number, sizeof(number), "%ld", server->retry_after);
		MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, number);
	}
	if (fault && fault->kind == CBS_FAULT_REDIRECT)
		MHD_add_response_header(response, MHD_HTTP_HEADER_LOCATION, fault->value);
	if (validators) {
		MHD_add_response_header(response, MHD_HTTP_HEADER_ETAG, validators->etag);
		MHD_add_response_header(response, MHD_HTTP_HEADER_LAST_MODIFIED,
					validators->last_modified);
	}
	queued = MHD_queue_response(connection, status, response);
	MHD_destroy_response(response);
	return queued;
}

static enum MHD_Result answer(struct cbs_server *server, struct MHD_Connection *connection,
			      unsigned status, char *body, size_t len, const char *content_type,
			      const struct cbs_fault *fault)
{
	return answer_with(server, connection, status, body, len, content_type, fault, NULL, 0);
}

/* 1 when a conditional request may be answered 304 by these validators. */
static int not_modified(struct MHD_Connection *connection, const struct validators *validators,
			time_t mtime)
{
	return cbs_not_modified(MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
							    MHD_HTTP_HEADER_IF_NONE_MATCH),
				MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
							    MHD_HTTP_HEADER_IF_MODIFIED_SINCE),
				validators->etag, mtime);
}

/*
 * Answers a file without faults from its kept gzip form (server_packed.c);
 * MHD_NO with *answered 0 when it has none (empty, unreadable, no gzip).
 */
static enum MHD_Result answer_packed(struct cbs_server *server,
				     struct MHD_Connection *connection, const char *method,
				     const char *url, const char *path, const char *content_type,
				     int *answered)
{
	struct validators validators;
	struct stat info;
	char *gz = NULL;
	size_t gz_len = 0;

	*answered = 0;
	if (!server->gzip || !accepts_gzip(connection) || stat(path, &info) != 0 ||
	    !S_ISREG(info.st_mode) ||
	    cbs_packed_get(server, path, &info, &gz, &gz_len, validators.etag,
			   sizeof(validators.etag)) != 0 ||
	    !gz)
		return MHD_NO;
	*answered = 1;
	cbs_http_date(info.st_mtime, validators.last_modified, sizeof(validators.last_modified));
	if (server->validators && not_modified(connection, &validators, info.st_mtime)) {
		free(gz);
		log_request(server, connection, method, url, 304);
		return answer_with(server, connection, 304, NULL, 0, content_type, NULL,
				   &validators, 0);
	}
	log_request(server, connection, method, url, 200);
	return answer_with(server, connection, 200, gz, gz_len, content_type, NULL,
			   server->validators ? &validators : NULL, 1);
}

/* The file's validators; 0, or -1 when it cannot be inspected. */
static int validators_of(const char *path, const char *body, size_t len,
			 struct validators *validators, time_t *mtime)
{
	struct stat info;

	if (stat(path, &info) != 0)
		return -1;
	*mtime = info.st_mtime;
	cbs_etag_of(body, len, validators->etag, sizeof(validators->etag));
	cbs_http_date(info.st_mtime, validators->last_modified, sizeof(validators->last_modified));
	return 0;
}

static char *message_body(const char *text, size_t *len)
{
	char *body = jb_xasprintf("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
				  "<error><message>%s</message></error>\n", text);

	*len = strlen(body);
	return body;
}

static void sleep_ms(long ms)
{
	struct timespec wait = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&wait, &wait) != 0 && errno == EINTR)
		;
}

/* An OData v4 path: /<catalog>/<TABLE>/<EntitySet>[/]; -1 otherwise. */
static int parse_v4(const char *url, long skip, struct jb_odata_ref *ref)
{
	const char *table, *entity, *end;
	size_t i;

	if (url[0] != '/' || !(table = strchr(url + 1, '/')) || !(entity = strchr(table + 1, '/')))
		return -1;
	table++;
	entity++;
	end = entity + strcspn(entity, "/");
	if ((size_t)(entity - 1 - table) >= sizeof(ref->table_id) || end == entity ||
	    (size_t)(end - entity) >= sizeof(ref->entity_set) || (*end && end[1]))
		return -1;
	memcpy(ref->table_id, table, (size_t)(entity - 1 - table));
	ref->table_id[entity - 1 - table] = '\0';
	memcpy(ref->entity_set, entity, (size_t)(end - entity));
	ref->entity_set[end - entity] = '\0';
	for (i = 0; ref->entity_set[i]; i++)
		if (!isalnum((unsigned char)ref->entity_set[i]) && ref->entity_set[i] != '_')
			return -1;
	ref->skip = skip;
	return jb_odata_valid_table_id(ref->table_id) ? 0 : -1;
}

static enum MHD_Result handle_request(struct cbs_server *server,
				      struct MHD_Connection *connection, const char *url,
				      const char *method)
{
	const char *skip = MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "$skip");
	const char *format =
		MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, "$format");
	const char *content_type = "application/atom+xml;charset=utf-8";
	const struct cbs_fault *fault;
	struct jb_odata_ref ref;
	char *with_skip, *name, *path, *body, *stem;
	size_t len;
	enum MHD_Result result;
	int json = format && strcmp(format, "json") == 0, v4 = 0, has_validators, answered;
	struct validators validators;
	time_t mtime = 0;
	long delay;

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		log_request(server, connection, method, url, 405);
		body = message_body("method not allowed", &len);
		return answer(server, connection, 405, body, len, "application/xml", NULL);
	}
	with_skip = jb_xasprintf("%s?$skip=%s", url, skip ? skip : "0");
	if (jb_odata_parse_url(with_skip, &ref) != 0 &&
	    (v4 = parse_v4(url, skip ? strtol(skip, NULL, 10) : 0, &ref) == 0) == 0) {
		free(with_skip);
		if (server->delay_ms > 0)
			sleep_ms(server->delay_ms);
		log_request(server, connection, method, url, 404);
		body = message_body("not an OData URL", &len);
		return answer(server, connection, 404, body, len, "application/xml", NULL);
	}
	free(with_skip);
	json |= v4;
	if (json)
		content_type = v4 ? "application/json; odata.metadata=minimal"
				  : "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
	name = jb_odata_file_name(&ref, json ? "json" : "xml");
	stem = jb_xstrndup(name, (size_t)(strrchr(name, '.') - name));
	delay = cbs_delay_of(server, ref.table_id, stem);
	if (delay > 0)
		sleep_ms(delay);
	fault = cbs_fault_find(server, ref.table_id, stem);
	free(stem);
	if (fault && fault->kind == CBS_FAULT_RESET) {
		free(name);
		log_request(server, connection, method, url, 0);
		return MHD_NO;
	}
	if (fault && (fault->kind == CBS_FAULT_STATUS || fault->kind == CBS_FAULT_REDIRECT)) {
		unsigned status = fault->kind == CBS_FAULT_STATUS ? (unsigned)fault->status : 302;

		free(name);
		log_request(server, connection, method, url, (int)status);
		body = message_body("injected fault", &len);
		return answer(server, connection, status, body, len, "application/xml", fault);
	}
	if (fault && fault->kind == CBS_FAULT_HTML) {
		free(name);
		log_request(server, connection, method, url, 200);
		body = jb_xstrdup(MAINTENANCE_PAGE);
		return answer(server, connection, 200, body, strlen(body), "text/html", fault);
	}
	path = jb_xasprintf("%s/%s/%s", server->root, ref.table_id, name);
	free(name);
	if (!fault) {
		result = answer_packed(server, connection, method, url, path, content_type,
				       &answered);
		if (answered) {
			free(path);
			return result;
		}
	}
	if (jb_read_file(path, &body, &len) != 0) {
		free(path);
		log_request(server, connection, method, url, 404);
		body = message_body("no such resource", &len);
		return answer(server, connection, 404, body, len, "application/xml", NULL);
	}
	has_validators = server->validators && !fault &&
			 validators_of(path, body, len, &validators, &mtime) == 0;
	free(path);
	if (has_validators && not_modified(connection, &validators, mtime)) {
		free(body);
		log_request(server, connection, method, url, 304);
		return answer_with(server, connection, 304, NULL, 0, content_type, NULL,
				   &validators, 0);
	}
	if (fault && fault->kind == CBS_FAULT_TRUNCATE)
		len /= 2;
	if (fault && fault->kind == CBS_FAULT_CONTENT_TYPE)
		content_type = fault->value;
	log_request(server, connection, method, url, 200);
	result = answer_with(server, connection, 200, body, len, content_type, fault,
			     has_validators ? &validators : NULL,
			     fault && fault->kind == CBS_FAULT_BAD_GZIP);
	return result;
}

static enum MHD_Result handle(void *context, struct MHD_Connection *connection,
			      const char *url, const char *method, const char *version,
			      const char *upload_data, size_t *upload_size, void **request)
{
	struct cbs_server *server = context;
	enum MHD_Result result;

	(void)version;
	(void)upload_data;
	(void)upload_size;
	(void)request;
	pthread_mutex_lock(&server->lock);
	this_busy = ++server->busy;
	if (server->busy > server->busy_peak)
		server->busy_peak = server->busy;
	pthread_mutex_unlock(&server->lock);
	result = handle_request(server, connection, url, method);
	pthread_mutex_lock(&server->lock);
	server->busy--;
	pthread_mutex_unlock(&server->lock);
	return result;
}

static int parse_long(const char *text, long min, long max, long *value)
{
	char *end;

	errno = 0;
	*value = strtol(text, &end, 10);
	return errno || *end || !*text || *value < min || *value > max ? -1 : 0;
}

/* tls_key and tls_cert: PEM text to answer with HTTPS, or NULL for HTTP. */
static int serve(struct cbs_server *server, long port, const char *port_file,
		 const char *tls_key, const char *tls_cert)
{
	struct sockaddr_in address;
	struct MHD_Daemon *daemon;
	const union MHD_DaemonInfo *info;
	sigset_t signals;
	char text[32];
	int signal_number;

	memset(&address, 0, sizeof(address));
	address.sin_family = AF_INET;
	address.sin_port = htons((uint16_t)port);
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (tls_key)
		daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
					  MHD_USE_THREAD_PER_CONNECTION | MHD_USE_TLS,
					  (uint16_t)port, NULL, NULL, handle, server,
					  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
					  MHD_OPTION_CONNECTION_TIMEOUT, 30u,
					  MHD_OPTION_HTTPS_MEM_KEY, tls_key,
					  MHD_OPTION_HTTPS_MEM_CERT, tls_cert, MHD_OPTION_END);
	else
		daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
					  MHD_USE_THREAD_PER_CONNECTION,
					  (uint16_t)port, NULL, NULL, handle, server,
					  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
					  MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
	if (!daemon) {
		jb_warn("cannot listen on 127.0.0.1:%ld", port);
		return JB_EXIT_UNAVAILABLE;
	}
	info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(text, sizeof(text), "%u\n", info ? (unsigned)info->port : (unsigned)port);
	if (port_file && jb_write_file_atomic(port_file, text, strlen(text)) != 0) {
		MHD_stop_daemon(daemon);
		return JB_EXIT_CANTCREAT;
	}
	fputs(text, stdout);
	fflush(stdout);
	while (sigwait(&signals, &signal_number) != 0)
		;
	MHD_stop_daemon(daemon);
	return JB_EXIT_OK;
}

int main(int argc, char **argv)
{
	enum { OPT_PORT = 256, OPT_PORT_FILE, OPT_ROOT, OPT_LOG, OPT_FAULT, OPT_FAULT_TIMES,
	       OPT_HTML, OPT_TRUNCATE, OPT_RESET, OPT_REDIRECT, OPT_CONTENT_TYPE,
	       OPT_RETRY_AFTER, OPT_DELAY, OPT_SLOW, OPT_NO_GZIP, OPT_NO_VALIDATORS, OPT_BAD_GZIP,
	       OPT_TLS_CERT, OPT_TLS_KEY };
	static const struct option options[] = {
		{ "port", required_argument, NULL, OPT_PORT },
		{ "port-file", required_argument, NULL, OPT_PORT_FILE },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "fault", required_argument, NULL, OPT_FAULT },
		{ "fault-times", required_argument, NULL, OPT_FAULT_TIMES },
		{ "html-page", required_argument, NULL, OPT_HTML },
		{ "truncate", required_argument, NULL, OPT_TRUNCATE },
		{ "reset", required_argument, NULL, OPT_RESET },
		{ "redirect", required_argument, NULL, OPT_REDIRECT },
		{ "content-type", required_argument, NULL, OPT_CONTENT_TYPE },
		{ "bad-gzip", required_argument, NULL, OPT_BAD_GZIP },
		{ "retry-after", required_argument, NULL, OPT_RETRY_AFTER },
		{ "delay-ms", required_argument, NULL, OPT_DELAY },
		{ "slow", required_argument, NULL, OPT_SLOW },
		{ "no-gzip", no_argument, NULL, OPT_NO_GZIP },
		{ "no-validators", no_argument, NULL, OPT_NO_VALIDATORS },
		{ "tls-cert", required_argument, NULL, OPT_TLS_CERT },
		{ "tls-key", required_argument, NULL, OPT_TLS_KEY },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cbs_server server;
	const char *port_file = NULL, *log_path = NULL, *cert_path = NULL, *key_path = NULL;
	char *tls_cert = NULL, *tls_key = NULL;
	size_t tls_len;
	long port = 0, number;
	int opt, status, bad = 0;
	FILE *root_probe;

	jb_set_progname(argv[0]);
	memset(&server, 0, sizeof(server));
	server.retry_after = -1;
	server.gzip = 1;
	server.validators = 1;
	pthread_mutex_init(&server.lock, NULL);
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_PORT:
			bad |= parse_long(optarg, 0, 65535, &port);
			break;
		case OPT_PORT_FILE:
			port_file = optarg;
			break;
		case OPT_ROOT:
			server.root = optarg;
			break;
		case OPT_LOG:
			log_path = optarg;
			break;
		case OPT_FAULT:
			bad |= cbs_fault_add(&server, CBS_FAULT_STATUS, optarg);
			break;
		case OPT_FAULT_TIMES:
			bad |= parse_long(optarg, 0, 1000000, &number);
			server.fault_times = (unsigned long)number;
			break;
		case OPT_HTML:
			bad |= cbs_fault_add(&server, CBS_FAULT_HTML, optarg);
			break;
		case OPT_TRUNCATE:
			bad |= cbs_fault_add(&server, CBS_FAULT_TRUNCATE, optarg);
			break;
		case OPT_RESET:
			bad |= cbs_fault_add(&server, CBS_FAULT_RESET, optarg);
			break;
		case OPT_REDIRECT:
			bad |= cbs_fault_add(&server, CBS_FAULT_REDIRECT, optarg);
			break;
		case OPT_CONTENT_TYPE:
			bad |= cbs_fault_add(&server, CBS_FAULT_CONTENT_TYPE, optarg);
			break;
		case OPT_BAD_GZIP:
			bad |= cbs_fault_add(&server, CBS_FAULT_BAD_GZIP, optarg);
			break;
		case OPT_RETRY_AFTER:
			bad |= parse_long(optarg, 0, 86400, &server.retry_after);
			break;
		case OPT_DELAY:
			bad |= parse_long(optarg, 0, 600000, &server.delay_ms);
			break;
		case OPT_SLOW:
			bad |= cbs_slow_add(&server, optarg);
			break;
		case OPT_NO_GZIP:
			server.gzip = 0;
			break;
		case OPT_NO_VALIDATORS:
			server.validators = 0;
			break;
		case OPT_TLS_CERT:
			cert_path = optarg;
			break;
		case OPT_TLS_KEY:
			key_path = optarg;
			break;
		case 'h':
			usage(stdout);
			cbs_faults_free(&server);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			bad = 1;
		}
		if (bad) {
			if (opt != '?')
				jb_warn("bad value for an option: '%s'", optarg ? optarg : "");
			break;
		}
	}
	if (bad || !server.root || optind != argc || !cert_path != !key_path) {
		usage(stderr);
		cbs_faults_free(&server);
		return JB_EXIT_USAGE;
	}
	root_probe = fopen(server.root, "r");
	if (!root_probe) {
		jb_warn("%s: cannot open:", server.root);
		cbs_faults_free(&server);
		return JB_EXIT_NOINPUT;
	}
	fclose(root_probe);
	if (log_path && !(server.log = fopen(log_path, "a"))) {
		jb_warn("%s: cannot open:", log_path);
		cbs_faults_free(&server);
		return JB_EXIT_CANTCREAT;
	}
	if (cert_path && (jb_read_file(cert_path, &tls_cert, &tls_len) != 0 ||
			  jb_read_file(key_path, &tls_key, &tls_len) != 0)) {
		free(tls_cert); /* jb_read_file said which file */
		if (server.log)
			fclose(server.log);
		cbs_faults_free(&server);
		return JB_EXIT_NOINPUT;
	}
	started_ms = now_ms();
	status = serve(&server, port, port_file, tls_key, tls_cert);
	free(tls_cert);
	free(tls_key);
	if (server.log && fclose(server.log) != 0 && status == JB_EXIT_OK)
		status = JB_EXIT_IOERR;
	cbs_faults_free(&server);
	cbs_packed_free(&server);
	pthread_mutex_destroy(&server.lock);
	if (fclose(stdout) != 0 && status == JB_EXIT_OK)
		status = JB_EXIT_IOERR;
	return status;
}
