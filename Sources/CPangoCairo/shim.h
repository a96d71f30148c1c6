#ifndef RECOUVRE_CPANGOCAIRO_SHIM_H
#define RECOUVRE_CPANGOCAIRO_SHIM_H
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-svg.h>
#endif
