#include "msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *jb_progname = "jeugdbench";
int jb_quiet;

void jb_set_progname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;

	if (argv0)
		jb_progname = slash ? slash + 1 : argv0;
}

void jb_vwarn(const char *fmt, va_list ap)
{
	int saved_errno = errno;
	size_t len = strlen(fmt);

	if (jb_quiet)
		return;
	fprintf(stderr, "%s: ", jb_progname);
	vfprintf(stderr, fmt, ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved_errno));
	fputc('\n', stderr);
}

void jb_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jb_vwarn(fmt, ap);
	va_end(ap);
}

int jb_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jb_vwarn(fmt, ap);
	va_end(ap);
	return -1;
}

void jb_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jb_vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}
