/* HTTP(S) with libcurl: one easy handle, reused so connections are kept alive. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "transport.h"
#include "xalloc.h"

#define USER_AGENT "jeugdbench/0.1 (+jb-fetch)"
/* A page of 10,000 entries is tens of MB; refuse bodies far beyond that. */
#define MAX_BODY ((size_t)1 << 30)

struct http_state {
	CURL *curl;
	struct curl_slist *headers;
	char error[CURL_ERROR_SIZE];
};

static size_t collect_body(char *bytes, size_t size, size_t count, void *context)
{
	struct jb_response *response = context;
	size_t len = size * count;

	if (response->body_len + len + 1 > MAX_BODY)
		return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
	jb_grow((void **)&response->body, &response->body_capacity,
		response->body_len + len + 1, 1);
	memcpy(response->body + response->body_len, bytes, len);
	response->body_len += len;
	response->body[response->body_len] = '\0';
	return len;
}

static enum jb_net_error net_error_of(CURLcode code)
{
	switch (code) {
	case CURLE_OK:
		return JB_NET_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return JB_NET_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return JB_NET_CONNECT;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_BAD_CONTENT_ENCODING:
		return JB_NET_RESET;
	default:
		return JB_NET_FATAL;
	}
}

static char *header_value(CURL *curl, const char *name)
{
	struct curl_header *header = NULL;

	if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || !header)
		return NULL;
	return jb_xstrdup(header->value);
}

static int http_get(struct jb_transport *transport, const char *url,
		    struct jb_response *response)
{
	struct http_state *state = transport->state;
	CURLcode code;
	char *content_type = NULL, *location = NULL;

	jb_response_clear(response);
	state->error[0] = '\0';
	curl_easy_setopt(state->curl, CURLOPT_URL, url);
	curl_easy_setopt(state->curl, CURLOPT_WRITEDATA, response);
	code = curl_easy_perform(state->curl);
	response->net_error = net_error_of(code);
	if (code != CURLE_OK) {
		snprintf(response->error, sizeof(response->error), "%s",
			 state->error[0] ? state->error : curl_easy_strerror(code));
		free(response->body);
		response->body = NULL;
		response->body_len = response->body_capacity = 0;
		return JB_EXIT_OK;
	}
	curl_easy_getinfo(state->curl, CURLINFO_RESPONSE_CODE, &response->http_status);
	if (curl_easy_getinfo(state->curl, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK &&
	    content_type)
		response->content_type = jb_xstrdup(content_type);
	if (curl_easy_getinfo(state->curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK &&
	    location)
		response->location = jb_xstrdup(location);
	response->retry_after = header_value(state->curl, "Retry-After");
	if (!response->body) {
		jb_grow((void **)&response->body, &response->body_capacity, 1, 1);
		response->body[0] = '\0';
	}
	return JB_EXIT_OK;
}

static void http_close(struct jb_transport *transport)
{
	struct http_state *state = transport->state;

	if (!state)
		return;
	curl_easy_cleanup(state->curl);
	curl_slist_free_all(state->headers);
	free(state);
	transport->state = NULL;
}

int jb_transport_http_open(struct jb_transport *transport,
			   const struct jb_fetch_settings *settings)
{
	struct http_state *state = jb_xcalloc(1, sizeof(*state));
	CURL *curl = curl_easy_init();
	struct curl_slist *headers;

	if (!curl) {
		free(state);
		jb_warn("cannot start libcurl");
		return JB_EXIT_SOFTWARE;
	}
	headers = curl_slist_append(NULL, "Accept: application/atom+xml, application/xml;q=0.9");
	if (!headers) {
		curl_easy_cleanup(curl);
		free(state);
		jb_warn("out of memory");
		return JB_EXIT_SOFTWARE;
	}
	state->curl = curl;
	state->headers = headers;
	if (curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_USERAGENT, USER_AGENT) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings->connect_timeout) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, settings->low_speed_time) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, state->error) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body) != CURLE_OK) {
		jb_warn("libcurl lacks a needed option (http/https only, gzip, time-outs)");
		transport->state = state;
		http_close(transport);
		return JB_EXIT_SOFTWARE;
	}
	transport->get = http_get;
	transport->close = http_close;
	transport->state = state;
	transport->local = 0;
	return JB_EXIT_OK;
}
