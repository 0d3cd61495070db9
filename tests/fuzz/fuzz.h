/* The libFuzzer entry point every tests/fuzz/fuzz_*.c defines; replay.c calls it too. */
#ifndef JB_FUZZ_H
#define JB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
