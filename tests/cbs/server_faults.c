/* Fault injection of jb-cbs-server: which request gets which fault. */
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "xalloc.h"

int cbs_fault_add(struct cbs_server *server, enum cbs_fault_kind kind, const char *spec)
{
	const char *colon = strchr(spec, ':');
	struct cbs_fault fault = { kind, NULL, 0, NULL, 0 };
	int needs_value = kind == CBS_FAULT_STATUS || kind == CBS_FAULT_REDIRECT ||
			  kind == CBS_FAULT_CONTENT_TYPE;

	if (needs_value != (colon != NULL) || (colon && (colon == spec || !colon[1])) || !*spec)
		return -1;
	fault.match = colon ? jb_xstrndup(spec, (size_t)(colon - spec)) : jb_xstrdup(spec);
	if (kind == CBS_FAULT_STATUS) {
		char *end;

		fault.status = strtol(colon + 1, &end, 10);
		if (*end || fault.status < 100 || fault.status > 599) {
			free(fault.match);
			return -1;
		}
	} else if (colon) {
		fault.value = jb_xstrdup(colon + 1);
	}
	jb_grow((void **)&server->faults, &server->fault_capacity, server->fault_count + 1,
		sizeof(*server->faults));
	server->faults[server->fault_count++] = fault;
	return 0;
}

int cbs_fault_matches(const char *match, const char *table_id, const char *stem)
{
	size_t id_len = strlen(table_id);

	if (strcmp(match, "*") == 0 || strcmp(match, stem) == 0)
		return 1;
	return strncmp(match, table_id, id_len) == 0 && match[id_len] == '/' &&
	       strcmp(match + id_len + 1, stem) == 0;
}

const struct cbs_fault *cbs_fault_find(struct cbs_server *server, const char *table_id,
				       const char *stem)
{
	const struct cbs_fault *found = NULL;
	size_t i;

	pthread_mutex_lock(&server->lock);
	for (i = 0; i < server->fault_count && !found; i++) {
		struct cbs_fault *fault = &server->faults[i];

		if (!cbs_fault_matches(fault->match, table_id, stem))
			continue;
		if (server->fault_times && fault->hits >= server->fault_times)
			continue;
		fault->hits++;
		found = fault;
	}
	pthread_mutex_unlock(&server->lock);
	return found;
}

int cbs_slow_add(struct cbs_server *server, const char *spec)
{
	const char *colon = strrchr(spec, ':');
	struct cbs_fault slow = { CBS_FAULT_STATUS, NULL, 0, NULL, 0 };
	char *end;

	if (!colon || colon == spec || !colon[1])
		return -1;
	slow.status = strtol(colon + 1, &end, 10);
	if (*end || slow.status < 0 || slow.status > 600000)
		return -1;
	slow.match = jb_xstrndup(spec, (size_t)(colon - spec));
	jb_grow((void **)&server->slow, &server->slow_capacity, server->slow_count + 1,
		sizeof(*server->slow));
	server->slow[server->slow_count++] = slow;
	return 0;
}

long cbs_delay_of(const struct cbs_server *server, const char *table_id, const char *stem)
{
	size_t i;

	for (i = 0; i < server->slow_count; i++)
		if (cbs_fault_matches(server->slow[i].match, table_id, stem))
			return server->slow[i].status;
	return server->delay_ms;
}

void cbs_faults_free(struct cbs_server *server)
{
	size_t i;

	for (i = 0; i < server->slow_count; i++)
		free(server->slow[i].match);
	free(server->slow);
	server->slow = NULL;
	server->slow_count = server->slow_capacity = 0;

	for (i = 0; i < server->fault_count; i++) {
		free(server->faults[i].match);
		free(server->faults[i].value);
	}
	free(server->faults);
	server->faults = NULL;
	server->fault_count = server->fault_capacity = 0;
}
