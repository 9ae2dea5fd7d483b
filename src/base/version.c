/* version.c - the library's version (binbridge.h: BB_VERSION). */
#include "binbridge.h"

const char *bb_version(void)
{
    return BB_VERSION;
}
