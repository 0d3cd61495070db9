/* --local: responses are the files of a folder in the snapshot layout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "exitcode.h"
#include "msg.h"
#include "odata.h"
#include "transport.h"
#include "xalloc.h"

static int local_get(struct jb_transport *transport, const char *url,
		     struct jb_response *response)
{
	const char *folder = transport->state;
	struct jb_odata_ref ref;
	char *name, *path;
	FILE *probe;

	jb_response_clear(response);
	if (jb_odata_parse_url(url, &ref) != 0) {
		jb_warn("%s: not an OData URL of a table", url);
		return JB_EXIT_DATAERR;
	}
	name = jb_odata_file_name(&ref, "xml");
	path = jb_xasprintf("%s/%s/%s", folder, ref.table_id, name);
	free(name);
	probe = fopen(path, "rb");
	if (!probe) {
		jb_warn("%s: cannot open (local copy of %s):", path, url);
		free(path);
		return JB_EXIT_NOINPUT;
	}
	fclose(probe);
	if (jb_read_file(path, &response->body, &response->body_len) != 0) {
		free(path);
		return JB_EXIT_NOINPUT;
	}
	free(path);
	response->body_capacity = response->body_len + 1;
	response->http_status = 200;
	response->net_error = JB_NET_OK;
	response->content_type = jb_xstrdup("application/atom+xml;charset=utf-8");
	return JB_EXIT_OK;
}

static void local_close(struct jb_transport *transport)
{
	free(transport->state);
	transport->state = NULL;
}

int jb_transport_local_open(struct jb_transport *transport, const char *folder)
{
	transport->get = local_get;
	transport->close = local_close;
	transport->state = jb_xstrdup(folder);
	transport->local = 1;
	return JB_EXIT_OK;
}
