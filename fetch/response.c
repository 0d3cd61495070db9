#include <stdlib.h>
#include <string.h>

#include "transport.h"

void jb_response_clear(struct jb_response *response)
{
	free(response->body);
	free(response->content_type);
	free(response->content_encoding);
	free(response->retry_after);
	free(response->location);
	free(response->etag);
	free(response->last_modified);
	memset(response, 0, sizeof(*response));
}
