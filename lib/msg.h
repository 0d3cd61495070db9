/* Messages on stderr, prefixed with the program name. */
#ifndef JB_MSG_H
#define JB_MSG_H

#include <stdarg.h>

extern const char *jb_progname;

void jb_set_progname(const char *argv0);

/*
 * A format ending in ':' gets ": strerror(errno)" appended, as in sbase's
 * eprintf.  jb_error returns -1 so that callers can `return jb_error(...)`.
 */
void jb_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int jb_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void jb_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jb_vwarn(const char *fmt, va_list ap);

/* Set to 1 to silence jb_warn and jb_error (tests of error paths). */
extern int jb_quiet;

#endif
