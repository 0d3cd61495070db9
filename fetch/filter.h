/* $filter keys padded to the width CBS stores them with ("GM0363" -> "GM0363    "). */
#ifndef JB_FETCH_FILTER_H
#define JB_FETCH_FILTER_H

#include <stddef.h>

/*
 * Pads the quoted value of every "<dimension> eq '<value>'" (also "ne") in
 * filter with spaces to width; other parts stay as written.  The caller
 * owns the result.
 */
char *jb_filter_pad(const char *filter, const char *dimension, size_t width);

#endif
