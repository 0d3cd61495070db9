#include "retry.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum jb_retry_verdict jb_retry_classify(enum jb_net_error net_error, long http_status)
{
	switch (net_error) {
	case JB_NET_OK:
		break;
	case JB_NET_TIMEOUT:
	case JB_NET_RESET:
	case JB_NET_CONNECT:
		return JB_RETRY_AGAIN;
	case JB_NET_FATAL:
	default:
		return JB_RETRY_REFUSED;
	}
	if (http_status >= 200 && http_status <= 299)
		return JB_RETRY_DONE;
	if (http_status == 301 || http_status == 302 || http_status == 303 ||
	    http_status == 307 || http_status == 308)
		return JB_RETRY_REDIRECT;
	if (http_status == 304)
		return JB_RETRY_NOT_MODIFIED;
	switch (http_status) {
	case 408:
	case 429:
	case 500:
	case 502:
	case 503:
	case 504:
		return JB_RETRY_AGAIN;
	default:
		return JB_RETRY_REFUSED;
	}
}

int jb_retry_after_parse(const char *value, time_t now, long *seconds)
{
	struct tm when;
	const char *end;
	char *number_end;
	long number;
	time_t at;

	while (*value == ' ' || *value == '\t')
		value++;
	if (isdigit((unsigned char)*value)) {
		errno = 0;
		number = strtol(value, &number_end, 10);
		while (*number_end == ' ' || *number_end == '\t' || *number_end == '\r' ||
		       *number_end == '\n')
			number_end++;
		if (errno || *number_end)
			return -1;
		*seconds = number;
		return 0;
	}
	memset(&when, 0, sizeof(when));
	end = strptime(value, "%a, %d %b %Y %H:%M:%S GMT", &when);
	if (!end)
		return -1;
	while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
		end++;
	if (*end)
		return -1;
	at = timegm(&when);
	if (at == (time_t)-1)
		return -1;
	*seconds = at > now ? (long)(at - now) : 0;
	return 0;
}

long jb_retry_delay_ms(unsigned failures, long base_ms, long cap_ms, long retry_after_ms,
		       double jitter)
{
	long delay = base_ms > 0 ? base_ms : 0;
	unsigned i;

	for (i = 1; i < failures && delay < cap_ms; i++)
		delay *= 2;
	if (delay > cap_ms)
		delay = cap_ms;
	if (jitter < 0)
		jitter = 0;
	if (jitter >= 1)
		jitter = 0.999999;
	delay = delay / 2 + (long)((double)(delay - delay / 2) * jitter);
	if (delay < retry_after_ms)
		delay = retry_after_ms;
	return delay;
}
