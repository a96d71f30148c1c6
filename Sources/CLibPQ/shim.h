#ifndef RECOUVRE_CLIBPQ_SHIM_H
#define RECOUVRE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
